import { toColonHex } from '../bytes/hex.js';
import { verifyHeadered, type VerifyResult } from '../crypto/verify.js';
import { ROLES, roleName } from '../format/roles.js';
import type { SignedFile } from '../signed-file/signed-file.js';
import type { TrustList } from '../model/types.js';
import { isBlankItl, isEmptyRecord } from './blank.js';
import { readCandidate, readInstalled, type Candidate, type CandidateKind } from './candidate.js';
import { remediesFor, type Remedy } from './remedies.js';

/**
 * What the sources leave open, as options (format.md §6.2, §10).
 * - `itlAnchors`: which records of an installed ITL may sign a new ITL or CTL. `sast` (default):
 *   "only ... a previously known certificate with the SAST role" (usecallmanager). `sast+tftp`:
 *   also TFTP and CCM+TFTP records (Cisco's CUCM 8 documents).
 * - `ctlAnchors`: which records of an installed CTL may sign a new ITL or CTL. Default SAST and CCM+TFTP.
 * - `itlWithCtl`: with a CTL installed, what may vouch for a new ITL. `ctl-only` (default): "If the
 *   Cisco IP Phone has an existing CTL file, it uses the CTL file to authenticate the ITL file
 *   signature" (CUCM Security Guide). `ctl-or-itl`: the CTL or the installed ITL (Cisco's CUCM 8
 *   migration notes). A new CTL is always judged by the installed CTL alone.
 */
export interface TrustRules {
  itlAnchors?: 'sast' | 'sast+tftp';
  ctlAnchors?: readonly number[];
  itlWithCtl?: 'ctl-only' | 'ctl-or-itl';
}

export interface EvaluateTrustInput {
  /** What the phone holds now; nothing means a phone that trusts on first use. */
  installed?: { itl?: TrustList | Uint8Array; ctl?: TrustList | Uint8Array };
  /** The file offered: a trust list, a `.sgn` file, or (with `kind: 'config'`) an unsigned config. */
  candidate: Uint8Array | TrustList | SignedFile;
  kind?: CandidateKind;
  rules?: TrustRules;
  subtle?: SubtleCrypto;
  /** Imported keys to reuse across calls (see `VerifyOptions.keyCache`), e.g. when judging a whole fleet. */
  keyCache?: Map<string, CryptoKey>;
}

export type TrustRule =
  | 'first-use' // nothing installed: the first trust list is taken on faith
  | 'blank-itl' // the installed ITL is a blank rollback ITL: anything new is accepted
  | 'signed-by-installed' // signed by an allowed certificate of an installed list
  | 'signer-unknown' // no installed record matches the candidate's signer
  | 'signer-role' // an installed record matches, but its role may not sign this kind of file
  | 'signature-invalid' // the installed signer's key does not verify the signature
  | 'tvs' // signer unknown, but the phone may ask the TVS servers its ITL lists
  | 'unsigned-config'; // an unsigned configuration file where a trust list is installed

export interface TrustSigner {
  /** Which installed list vouched (or `candidate` for a first-use self-check). */
  list: 'ITL' | 'CTL' | 'candidate';
  recordIndex?: number;
  role?: string;
  subjectName?: string;
  serialNumber?: string;
}

export interface TrustDecision {
  accepted: true | false | 'needs-tvs';
  rule: TrustRule;
  candidateKind: CandidateKind;
  signer?: TrustSigner;
  /** Two or three sentences for an administrator. */
  explanation: string;
  /** The signature check that decided (or, on first use, the candidate's self-check). */
  signature?: VerifyResult;
  /** With `needs-tvs`: the TVS servers the installed ITL names. */
  tvs?: { dnsName?: string; ipAddress?: string; subjectName?: string }[];
  /** Ways out, when not accepted. */
  remedies: Remedy[];
}

/**
 * Will a phone that holds `installed` accept `candidate`? Applies the rules of format.md §6-§7:
 * first use, CTL then ITL signers with allowed roles, blank rollback ITLs, TVS, and TFTP-role
 * signers for configuration files. The signature must verify with the installed record's key.
 */
export async function evaluateTrust(input: EvaluateTrustInput): Promise<TrustDecision> {
  const candidate = readCandidate(input.candidate, input.kind);
  const itl = readInstalled(input.installed?.itl, 'ITL');
  const ctl = readInstalled(input.installed?.ctl, 'CTL');
  const engine = { ...(input.subtle && { subtle: input.subtle }), ...(input.keyCache && { keyCache: input.keyCache }) };
  const kind = candidate.kind;
  const what = kind === 'config' ? 'configuration file' : kind;
  const decide = (d: Omit<TrustDecision, 'candidateKind' | 'remedies'>): TrustDecision => ({
    candidateKind: kind,
    ...d,
    remedies: d.accepted === true ? [] : remediesFor({ candidate, itl, ctl }),
  });

  if (!itl && !ctl) {
    const self = candidate.header && kind !== 'config' ? await verifyHeadered(candidate.bytes, candidate.header, candidate.records, engine) : undefined;
    const note = self ? (self.valid ? ' Its own signature is consistent.' : ` Its own signature is not consistent (${self.reason}): ${self.message}.`) : '';
    return decide({
      accepted: true,
      rule: 'first-use',
      explanation: `A phone with no trust list installed accepts the ${what} on first use ("leap of faith").${note}`,
      ...(self && { signature: self }),
      ...(self?.valid && { signer: fromResult('candidate', self) }),
    });
  }

  if (!candidate.header) {
    if (itl && !ctl && isBlankItl(itl)) {
      return decide({ accepted: true, rule: 'blank-itl', explanation: 'The installed ITL is blank (its TFTP and TVS entries are empty), so the phone accepts unsigned configuration files.' });
    }
    return decide({
      accepted: false,
      rule: 'unsigned-config',
      explanation: 'A phone holding a trust list asks for signed configuration files (.sgn) and ignores unsigned ones.',
    });
  }

  const tftp = [ROLES.TFTP, ROLES['CCM+TFTP']];
  const itlRoles = kind === 'config' ? tftp : input.rules?.itlAnchors === 'sast+tftp' ? [ROLES.SAST, ...tftp] : [ROLES.SAST];
  const ctlRoles = kind === 'config' ? tftp : (input.rules?.ctlAnchors ?? [ROLES.SAST, ROLES['CCM+TFTP']]);
  // With a CTL installed, trust lists answer to it (format.md §6.2); configs may be vouched for by either list.
  const itlVouches = itl && (!ctl || kind === 'config' || (kind === 'ITL' && input.rules?.itlWithCtl === 'ctl-or-itl'));
  const anchors = [
    ...(ctl ? [{ name: 'CTL' as const, list: ctl, roles: ctlRoles }] : []),
    ...(itl && itlVouches ? [{ name: 'ITL' as const, list: itl, roles: itlRoles }] : []),
  ];
  const results: { name: 'ITL' | 'CTL'; result: VerifyResult; roles: readonly number[] }[] = [];
  for (const a of anchors) {
    const result = await verifyHeadered(candidate.bytes, candidate.header, candidate.records, { trustList: a.list, roles: a.roles, ...engine });
    if (result.valid) {
      return decide({
        accepted: true,
        rule: 'signed-by-installed',
        signer: fromResult(a.name, result),
        signature: result,
        explanation: `The ${what} is signed by ${describeSigner(fromResult(a.name, result))} of the installed ${a.name}, an allowed signer for it, and the signature verifies.`,
      });
    }
    results.push({ name: a.name, result, roles: a.roles });
  }

  // A blank ITL opens the phone only in a non-secure cluster: with a CTL installed, the CTL still decides.
  if (itl && !ctl && isBlankItl(itl)) {
    return decide({
      accepted: true,
      rule: 'blank-itl',
      explanation: `The installed ITL is blank (its TFTP and TVS entries are empty), so the phone accepts any new ${what}.`,
    });
  }

  const decisive = results.find((r) => r.result.reason === 'SIGNATURE_MISMATCH' || r.result.reason === 'KEY_MISMATCH') ?? results.find((r) => r.result.reason === 'SIGNER_NOT_SAST') ?? results[0]!;
  const signerText = `${candidate.header.signer?.name ?? 'an unnamed signer'} (serial ${candidate.header.signer?.serialNumber ? toColonHex(candidate.header.signer.serialNumber) : 'none'})`;
  const reason = decisive.result.reason;
  if (reason === 'SIGNATURE_MISMATCH' || reason === 'KEY_MISMATCH') {
    return decide({
      accepted: false,
      rule: 'signature-invalid',
      signature: decisive.result,
      signer: fromResult(decisive.name, decisive.result),
      explanation: `The ${what} names ${signerText}, which the installed ${decisive.name} knows, but the signature does not verify with that certificate's key (${reason}). The file was altered or signed with another key of the same name.`,
    });
  }
  if (reason !== 'SIGNER_NOT_FOUND' && reason !== 'SIGNER_NOT_SAST') {
    return decide({
      accepted: false,
      rule: 'signature-invalid',
      signature: decisive.result,
      explanation: `The ${what} cannot be verified: ${decisive.result.message} (${reason}).`,
    });
  }
  const tvs = itl?.records.filter((r) => r.role === ROLES.TVS && !isEmptyRecord(r)) ?? [];
  if (tvs.length > 0 && kind !== 'CTL') {
    const servers = tvs.map((r) => ({ ...(r.dnsName && { dnsName: r.dnsName }), ...(r.ipAddress && { ipAddress: r.ipAddress }), ...(r.subjectName && { subjectName: r.subjectName }) }));
    return decide({
      accepted: 'needs-tvs',
      rule: 'tvs',
      signature: decisive.result,
      tvs: servers,
      explanation: `The ${what} is signed by ${signerText}, which no installed record allows. The phone will ask the TVS servers its ITL lists (${servers.map((s) => s.dnsName || s.ipAddress || s.subjectName).join(', ')}); it is accepted only if they trust that certificate.`,
    });
  }
  const roleNote = reason === 'SIGNER_NOT_SAST' ? `, but only with a role that may not sign ${kind === 'config' ? 'a' : 'an'} ${what} (allowed: ${decisive.roles.map(roleName).join(', ')})` : '';
  return decide({
    accepted: false,
    rule: reason === 'SIGNER_NOT_SAST' ? 'signer-role' : 'signer-unknown',
    signature: decisive.result,
    explanation: `The ${what} is signed by ${signerText}. The installed ${anchors.map((a) => a.name).join(' and ')} ${reason === 'SIGNER_NOT_SAST' ? 'lists that certificate' + roleNote : 'does not list that certificate'}, so the phone rejects it ("Trust List Update Failed").`,
  });
}

function fromResult(list: TrustSigner['list'], r: VerifyResult): TrustSigner {
  const s = r.signer;
  return {
    list,
    ...(s?.recordIndex !== undefined && { recordIndex: s.recordIndex }),
    ...(s?.role !== undefined && { role: roleName(s.role) }),
    ...(s?.subjectName !== undefined && { subjectName: s.subjectName }),
    ...(s?.serialNumber !== undefined && { serialNumber: toColonHex(s.serialNumber) }),
  };
}

function describeSigner(s: TrustSigner): string {
  return `${s.role ?? 'a'} record ${s.recordIndex !== undefined ? s.recordIndex + 1 : ''} (${s.subjectName ?? 'no subject'})`.replace('  ', ' ');
}

export type { Candidate };
