/**
 * The terminal form of `itl inspect`, in the spirit of CUCM `show itl` / `show ctl`: sections of
 * aligned label/value rows, a blank line between records.
 */
import { toColonHex } from '../../index.js';
import { fromHex } from '../../bytes/hex.js';
import type { Style } from '../style.js';
import type { DigestInfo, InspectReport, OtherElement, RecordReport } from './report.js';
import { publicKeySummary } from './public-key.js';

type Row = [label: string, value: string];

const LABEL_WIDTH = 18;
const INDENT = '  ';

const colon = (hex: string) => toColonHex(fromHex(hex) ?? new Uint8Array());
const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;
const hexOffset = (n: number) => `0x${n.toString(16).toUpperCase()} (${n})`;

/**
 * Strings come from the file: escape control characters (a crafted DN must not drive the
 * terminal with escape sequences) and bidirectional overrides (which could reorder what is shown).
 */
export function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/gu, (c) => {
    const n = c.codePointAt(0)!;
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}

function digest(d: DigestInfo): string {
  return d.name ? `${d.name} (code ${d.code})` : `unknown digest code ${d.code}`;
}

function section(style: Style, title: string, rows: Row[]): string[] {
  const width = Math.max(LABEL_WIDTH, ...rows.map(([l]) => l.length + 2));
  return [style.heading(title), ...rows.map(([l, v]) => `${INDENT}${style.label(l.padEnd(width))}${v}`)];
}

function otherRows(items: OtherElement[]): Row[] {
  return items.map((o, i) => [
    i === 0 ? 'Other elements' : '',
    `tag ${o.tag} ${o.name}, ${bytes(o.length)}${o.offset !== null ? ` at ${hexOffset(o.offset)}` : ''} (${o.reason})`,
  ]);
}

export function renderText(r: InspectReport, style: Style): string {
  const h = r.header;
  const lines: string[] = [];
  lines.push(
    ...section(style, `${r.kind === 'SGN' ? 'Signed file' : `${r.kind} trust list`}  ${safe(r.file.path)}`, [
      ['Kind', r.kind === 'SGN' ? 'SGN (signed file: header, then the payload)' : r.kind],
      ['File length', bytes(r.file.length)],
      ['MD5', r.checksums.md5],
      ['SHA-1', r.checksums.sha1],
      ...(r.kind === 'SGN' ? [] : [['Records', String(r.records.length)] as Row]),
    ]),
    '',
  );

  const header: Row[] = [];
  const add = (label: string, value: string | null | undefined) => value !== null && value !== undefined && header.push([label, safe(value)]);
  add('Version', h.version);
  add('Header length', h.headerLength !== null ? bytes(h.headerLength) : null);
  add('Signer version', h.signerVersion);
  add('Signer name', h.signer.name);
  add('Signer serial', h.signer.serialNumber !== null ? colon(h.signer.serialNumber) : null);
  add('Signer issuer', h.signer.issuerName);
  if (r.kind !== 'SGN') add('Signer record', h.signerRecord !== null ? `record ${h.signerRecord} (SAST, same serial)` : h.signer.serialNumber !== null ? 'none in this file (no SAST record with the signer serial)' : null);
  add('Digest', h.digest ? digest(h.digest) : null);
  add('Signature alg.', h.signatureAlgorithm !== null ? `${h.signatureAlgorithm}${h.signatureAlgorithm === 0 ? ' (RSASSA-PKCS1-v1_5)' : ' (undocumented)'}` : null);
  if (h.signature) {
    const s = h.signature;
    const modulus =
      s.modulusCode === null
        ? 'no modulus code'
        : s.modulusBytes === null
          ? `modulus code ${s.modulusCode} (undocumented)`
          : `modulus code ${s.modulusCode} = ${s.modulusBytes} bytes${s.modulusBytes === s.length ? '' : ', MISMATCH'}`;
    add('Signature', `${bytes(s.length)}, ${modulus}`);
  } else if (h.signature === null) {
    add('Signature', 'none (unsigned)');
  }
  const v = r.verification;
  if (r.kind === 'SGN') {
    add('Verifies', 'not checked: a signed file carries no certificates; use itl verify FILE --trust ITLFile.tlv (or --cert CERT)');
  } else if (v) {
    const who = v.record !== null ? ` with record ${v.record}${v.role ? ` (${[v.role, v.subjectName].filter(Boolean).join(', ')})` : ''}` : '';
    add('Verifies', v.valid ? `yes${v.digest ? ` (${v.digest})` : ''},${who}` : `NO, ${v.reason}: ${v.message}`);
  }
  add('Filename', h.filename);
  add('Timestamp', h.timestamp ? `${h.timestamp.iso} (raw ${h.timestamp.raw} = 0x${h.timestamp.raw.toString(16).padStart(8, '0')})` : null);
  add('Padding', h.padding > 0 ? `${bytes(h.padding)} of 0x0D` : null);
  header.push(...otherRows(h.otherElements));
  lines.push(...section(style, 'Header', header), '');

  for (const rec of r.records) lines.push(...renderRecord(rec, r.records.length, style), '');
  if (r.payload) {
    const p = r.payload;
    lines.push(
      ...section(style, 'Payload', [
        ['Offset', hexOffset(p.offset)],
        ['Length', bytes(p.length)],
        ['SHA-1', p.sha1],
        ['Starts with', safe(p.preview) + (p.length > 120 ? ' ...' : '')],
      ]),
      '',
    );
  }

  if (r.warnings?.length || r.trailing) {
    const rows: Row[] = (r.warnings ?? []).map((w, i) => [i === 0 ? 'Tolerated' : '', `${w.code}: ${w.message}`]);
    if (r.trailing) rows.push(['Trailing bytes', `${bytes(r.trailing.length)} after the last readable record`]);
    lines.push(...section(style, style.warn('Lenient decode'), rows), '');
  }
  lines.push(style.dim('Hashes are lower-case hex; serial numbers are upper-case colon hex, as Cisco prints them.'));
  return lines.join('\n') + '\n';
}

function renderRecord(rec: RecordReport, total: number, style: Style): string[] {
  const rows: Row[] = [];
  const add = (label: string, value: string | null) => value !== null && rows.push([label, safe(value)]);
  add('Offset', rec.offset !== null ? hexOffset(rec.offset) : null);
  add('Record length', rec.recordLength !== null ? bytes(rec.recordLength) : null);
  add('Role', rec.role ? `${rec.role.name} (code ${rec.role.code})${rec.role.label !== rec.role.name ? `, Cisco: "${rec.role.label}"` : ''}` : 'none (no FUNCTION element)');
  add('DNS name', rec.dnsName !== null ? (rec.dnsName === '' ? '(empty)' : rec.dnsName) : null);
  add('Subject', rec.subjectName);
  add('Issuer', rec.issuerName);
  add('Serial', rec.serialNumber !== null ? colon(rec.serialNumber) : null);
  add('Public key', rec.publicKey ? publicKeySummary(rec.publicKey) : null);
  add('Cert signature', rec.signatureLength !== null ? bytes(rec.signatureLength) : null);
  add('Certificate', rec.certificate ? `${bytes(rec.certificate.length)}, SHA-1 ${rec.certificate.sha1}` : null);
  add('IP address', rec.ipAddress);
  add('Certificate hash', rec.certificateHash);
  add('Hash algorithm', rec.hashAlgorithm ? digest(rec.hashAlgorithm) : null);
  rows.push(...otherRows(rec.otherElements));
  const role = rec.role ? `  ${rec.role.name}` : '';
  return section(style, `Record ${rec.number} of ${total}${role}`, rows);
}
