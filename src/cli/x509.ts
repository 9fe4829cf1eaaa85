/**
 * Certificates and keys for the commands that need them. `itl-codec/x509` (pkijs, asn1js) is
 * imported lazily, here only, so commands that never touch a key (inspect, decode, diff, lint)
 * start without loading it.
 */
import { basename } from 'node:path';
import type { LoadedSigner, ParsedCertificate } from '../x509/index.js';
import type { ParsedArgs } from './args.js';
import { usageError, withHint } from './errors.js';
import { readInput } from './files.js';
import type { CliIo } from './io.js';
import { requireString, stringValue } from './options.js';

export type X509Module = typeof import('../x509/index.js');

let x509: Promise<X509Module> | undefined;

export function loadX509(): Promise<X509Module> {
  x509 ??= import('../x509/index.js');
  return x509;
}

/** The password named by `--password-env VAR`, or undefined without the flag. */
export function passwordOf(command: string, values: ParsedArgs['values'], io: CliIo): string | undefined {
  const name = stringValue(values, 'password-env');
  if (name === undefined) return undefined;
  const value = io.env[name];
  if (value === undefined) throw usageError(`${command}: --password-env ${name}: environment variable ${name} is not set`);
  return value;
}

/** `--signer` (+ `--signer-key`, `--password-env`): the certificate and key that sign. */
export async function signerFromArgs(command: string, values: ParsedArgs['values'], io: CliIo): Promise<LoadedSigner> {
  const certPath = requireString(command, values, 'signer', 'PEM|P12');
  const keyPath = stringValue(values, 'signer-key');
  const password = passwordOf(command, values, io);
  const [{ loadSigner }, cert, key] = await Promise.all([loadX509(), readInput(certPath, io), keyPath !== undefined ? readInput(keyPath, io) : undefined]);
  try {
    return await loadSigner(cert, key, password !== undefined ? { password } : {});
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_KEY_PASSWORD_REQUIRED') throw withHint(e, 'give it with --password-env VAR');
    if (code === 'ERR_NO_KEY') throw withHint(e, `${basename(certPath)} holds no private key; give one with --signer-key KEY`);
    throw e;
  }
}

/** A certificate file (PEM or DER; the first certificate of a PEM bundle). */
export async function certificateFromFile(path: string, io: CliIo): Promise<ParsedCertificate> {
  const [{ parseCertificate }, bytes] = await Promise.all([loadX509(), readInput(path, io)]);
  try {
    return parseCertificate(bytes);
  } catch (e) {
    throw withHint(e, path);
  }
}
