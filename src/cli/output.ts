/** What the checking and building commands print besides the bytes they write. */
import { decodeTrustList, roleName, toColonHex, toHex, type VerifiedSigner } from '../index.js';
import type { CommandContext } from './commands/command.js';
import { writeOutput, STDIO } from './files.js';

/** JSON on stdout, 2-space indentation; byte arrays become lower-case hex. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.out(JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v), 2) + '\n');
}

const DIGEST_NAMES: Record<string, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

export function digestName(d: string | number | undefined): string | null {
  if (d === undefined) return null;
  return typeof d === 'number' ? `digest code ${d}` : (DIGEST_NAMES[d] ?? d);
}

/** `ITL, 5 records (SAST, SAST, CCM+TFTP, CAPF, TVS), SHA-1, signed by CN=...` */
export function describeTrustList(bytes: Uint8Array): string {
  const list = decodeTrustList(bytes);
  const roles = list.records.map((r) => (r.role === undefined ? 'no role' : roleName(r.role)));
  const empty = list.records.filter((r) => r.certificate === undefined && r.publicKey === undefined).length;
  const n = list.records.length;
  return [
    `${list.kind}, ${n} record${n === 1 ? '' : 's'} (${roles.join(', ')}${empty ? `; ${empty} empty` : ''})`,
    digestName(list.header.digest),
    `signed by ${list.header.signer?.name ?? '(no signer name)'}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Write the bytes, then (unless they went to stdout) one line saying what was written. */
export async function writeAndReport(ctx: CommandContext, path: string, bytes: Uint8Array, what: string): Promise<void> {
  await writeOutput(path, bytes, ctx.io);
  if (path !== STDIO) ctx.out(`wrote ${path} (${bytes.length} bytes): ${what}\n`);
}

/** A verifier's signer in the CLI's vocabulary: 1-based record numbers, role names, colon-hex serials. */
export function signerJson(s: VerifiedSigner | undefined): Record<string, unknown> | null {
  if (!s) return null;
  return {
    source: s.source,
    record: s.recordIndex !== undefined ? s.recordIndex + 1 : null,
    role: s.role !== undefined ? roleName(s.role) : null,
    subjectName: s.subjectName ?? null,
    serialNumber: s.serialNumber ? toColonHex(s.serialNumber) : null,
  };
}
