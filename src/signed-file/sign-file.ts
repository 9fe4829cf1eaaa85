import { signHeadered, type SignOptions } from '../crypto/sign.js';
import { verifyHeadered, type VerifyOptions, type VerifyResult } from '../crypto/verify.js';
import type { Version } from '../format/fields.js';
import { ROLES } from '../format/roles.js';
import type { Signer } from '../model/certificate.js';
import { toTimestamp } from '../model/time.js';
import type { TrustListHeader } from '../model/types.js';
import { decodeSignedFile } from './signed-file.js';

export interface SignFileOptions extends Omit<SignOptions, 'padding'> {
  /** FILENAME in the header: the served name, `.sgn` included, with any path (`SEP001122334455.cnf.xml.sgn`). */
  filename: string;
  /** Header VERSION. certutils writes 1.0 for `.sgn`; what CUCM writes is unknown (format.md §8). Default 1.0. */
  version?: Version;
}

/** Sign a payload (a phone configuration, a ring list, ...) into a `.sgn` file. Deterministic for a given timestamp. */
export async function signFile(payload: Uint8Array, signer: Signer, options: SignFileOptions): Promise<Uint8Array> {
  const header: TrustListHeader = {
    version: options.version ?? { major: 1, minor: 0 },
    filename: options.filename,
    timestamp: toTimestamp(options.timestamp ?? new Date()),
    elements: [],
  };
  const { filename: _f, version: _v, ...signOptions } = options;
  return signHeadered(header, payload, signer, signOptions);
}

/** Signer roles a phone accepts for signed configuration files: the TFTP roles (format.md §6.1-§6.2). */
export const CONFIG_SIGNER_ROLES: readonly number[] = [ROLES.TFTP, ROLES['CCM+TFTP']];

/**
 * Verify a `.sgn` file. It has no records of its own, so the signer comes from `options`: a
 * certificate, a key, or the trust list a phone holds (then TFTP and CCM+TFTP records count,
 * unless `roles` says otherwise).
 */
export async function verifySignedFile(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  const file = decodeSignedFile(bytes);
  return verifyHeadered(bytes, file.header, [], { ...options, roles: options.roles ?? CONFIG_SIGNER_ROLES });
}
