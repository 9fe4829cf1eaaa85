/**
 * PEM (RFC 7468, plus the RFC 1421 headers OpenSSL writes on legacy encrypted keys) and the
 * DER-or-PEM decision for byte input.
 */
import { copyBytes } from './bytes.js';
import { X509Error } from './errors.js';

/** One `-----BEGIN LABEL----- ... -----END LABEL-----` block. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `PRIVATE KEY`. */
  label: string;
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`), if any. */
  headers: Record<string, string>;
  /** The decoded DER bytes. */
  der: Uint8Array;
}

/** What an input turned out to be. */
export type ClassifiedInput = { kind: 'der'; der: Uint8Array } | { kind: 'pem'; blocks: PemBlock[] };

const BLOCK = /-----BEGIN ([^\r\n-]+(?:-[^\r\n-]+)*)-----([\s\S]*?)-----END ([^\r\n-]+(?:-[^\r\n-]+)*)-----/g;

/** Decodes every PEM block in `text`, in order. Text outside blocks is ignored (RFC 7468 §2). */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1] ?? '';
    const endLabel = m[3] ?? '';
    if (endLabel !== label) {
      throw new X509Error('ERR_X509_INPUT', `PEM block 'BEGIN ${label}' ends with 'END ${endLabel}'`);
    }
    let body = m[2] ?? '';
    const headers: Record<string, string> = {};
    // RFC 1421 headers: "Name: value" lines followed by an empty line.
    const headerEnd = body.search(/\r?\n\s*\r?\n/);
    if (headerEnd >= 0 && /^\s*[A-Za-z-]+:/.test(body)) {
      for (const line of body.slice(0, headerEnd).split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      body = body.slice(headerEnd).replace(/^\s+/, '');
    }
    blocks.push({ label, headers, der: decodeBase64(body, label) });
  }
  if (blocks.length === 0 && text.includes('-----BEGIN ')) {
    const label = /-----BEGIN ([^\r\n]*?)-----/.exec(text)?.[1] ?? '?';
    throw new X509Error('ERR_X509_INPUT', `PEM block 'BEGIN ${label}' has no matching END line`);
  }
  return blocks;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map<string, number>([...B64].map((c, i) => [c, i]));

/** Strict base64 (whitespace allowed, `=` padding only at the end). */
export function decodeBase64(text: string, label: string): Uint8Array {
  const clean = text.replace(/[\s]+/g, '');
  const body = clean.replace(/={1,2}$/, '');
  if ((clean.length - body.length > 0 && clean.length % 4 !== 0) || body.length % 4 === 1) {
    throw new X509Error('ERR_X509_INPUT', `PEM block '${label}': base64 has a bad length (${clean.length} characters)`);
  }
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    const v = B64_VALUE.get(ch);
    if (v === undefined) {
      throw new X509Error(
        'ERR_X509_INPUT',
        `PEM block '${label}': invalid base64 character ${JSON.stringify(ch)} at position ${i}`,
      );
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** True when `bytes` is one complete BER/DER SEQUENCE (definite length spanning all, or indefinite). */
function looksLikeDerSequence(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1] ?? 0;
  if (first === 0x80) return true; // BER indefinite length (some PKCS#12 writers)
  if (first < 0x80) return 2 + first === bytes.length;
  const n = first & 0x7f;
  if (n > 4 || bytes.length < 2 + n) return false;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return 2 + n + length === bytes.length;
}

/**
 * Decides whether `input` is DER or PEM. A string is always PEM text. Bytes are DER when they are
 * exactly one SEQUENCE; otherwise PEM when they contain a `-----BEGIN ` line.
 */
export function classifyInput(input: Uint8Array | string, what: string): ClassifiedInput {
  if (typeof input === 'string') {
    const blocks = decodePem(input);
    if (blocks.length === 0) {
      throw new X509Error('ERR_X509_INPUT', `${what}: the text holds no PEM block (no '-----BEGIN ' line)`);
    }
    return { kind: 'pem', blocks };
  }
  if (!(input instanceof Uint8Array)) {
    throw new X509Error('ERR_X509_INPUT', `${what}: expected a Uint8Array or a string, got ${describeValue(input)}`);
  }
  input = copyBytes(input); // never keep (or hand out views of) the caller's buffer
  if (looksLikeDerSequence(input)) return { kind: 'der', der: input };
  const text = new TextDecoder('utf-8').decode(input);
  if (text.includes('-----BEGIN ')) return { kind: 'pem', blocks: decodePem(text) };
  if (input[0] === 0x30) return { kind: 'der', der: input }; // DER with a broken length: let the parser say how
  if (input.length === 0) throw new X509Error('ERR_X509_INPUT', `${what}: the input is empty`);
  throw new X509Error(
    'ERR_X509_INPUT',
    `${what}: the input is neither DER (first byte 0x${(input[0] ?? 0).toString(16).padStart(2, '0')}, expected 0x30) nor PEM (no '-----BEGIN ' line)`,
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** `'CERTIFICATE', 'PRIVATE KEY'` for messages. */
export function describeLabels(blocks: PemBlock[]): string {
  return blocks.map((b) => `'${b.label}'`).join(', ');
}
