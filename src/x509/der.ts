/** Thin helpers over asn1js: strict whole-input decoding, tag checks, exact byte spans, DER building. */
import * as asn1js from 'asn1js';
import { bufferSource, concatBytes, copyBytes } from './bytes.js';
import { X509Error, type X509ErrorCode } from './errors.js';

export type Block = asn1js.AsnType;

/** Universal tag numbers used here. */
export const TAG = {
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  SEQUENCE: 16,
  SET: 17,
} as const;

/**
 * Decodes one BER/DER element that must span all of `bytes`. Embedded encodings inside OCTET and
 * BIT STRINGs are not decoded (callers decode them on purpose).
 */
export function decodeWhole(bytes: Uint8Array, code: X509ErrorCode, what: string): Block {
  if (bytes.length === 0) throw new X509Error(code, `${what}: no bytes`);
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(bufferSource(bytes), { parseEmbedded: false });
  } catch (error) {
    throw new X509Error(code, `${what}: not valid DER (${String(error)})`, { cause: error });
  }
  if (parsed.offset === -1 || parsed.result.error) {
    throw new X509Error(code, `${what}: not valid DER (${parsed.result.error || 'decoding failed'})`);
  }
  if (parsed.offset !== bytes.length) {
    throw new X509Error(
      code,
      `${what}: ${bytes.length - parsed.offset} trailing byte(s) after the DER element (which ends at offset ${parsed.offset})`,
    );
  }
  return parsed.result;
}

export function isUniversal(block: Block | undefined, tagNumber: number): boolean {
  return block !== undefined && block.idBlock.tagClass === 1 && block.idBlock.tagNumber === tagNumber;
}

export function isContext(block: Block | undefined, tagNumber: number): boolean {
  return block !== undefined && block.idBlock.tagClass === 3 && block.idBlock.tagNumber === tagNumber;
}

/** The children of a constructed block ([] for a primitive one). */
export function childrenOf(block: Block | undefined): Block[] {
  if (!block || !block.idBlock.isConstructed) return [];
  const value = (block.valueBlock as { value?: unknown }).value;
  return Array.isArray(value) ? (value as Block[]) : [];
}

/** The exact encoded bytes of a block (tag, length and contents), copied. */
export function rawOf(block: Block): Uint8Array {
  return copyBytes(block.valueBeforeDecodeView);
}

/** The contents octets of a primitive, definite-length block, copied. */
export function contentOf(block: Block): Uint8Array {
  const raw = block.valueBeforeDecodeView;
  return copyBytes(raw.subarray(block.idBlock.blockLength + block.lenBlock.blockLength));
}

/** Dotted OID of an OBJECT IDENTIFIER block, or undefined when the block is not one. */
export function oidOf(block: Block | undefined): string | undefined {
  if (!isUniversal(block, TAG.OID)) return undefined;
  return (block as asn1js.ObjectIdentifier).valueBlock.toString();
}

/** The bytes of a BIT STRING without the unused-bits octet (and the unused-bits count). */
export function bitStringOf(block: Block | undefined): { bytes: Uint8Array; unusedBits: number } | undefined {
  if (!isUniversal(block, TAG.BIT_STRING) || block!.idBlock.isConstructed) return undefined;
  const content = contentOf(block!);
  if (content.length === 0) return undefined;
  return { bytes: copyBytes(content.subarray(1)), unusedBits: content[0] ?? 0 };
}

/** AlgorithmIdentifier: `SEQUENCE { OID, params ANY OPTIONAL }`. */
export function algorithmOf(block: Block | undefined): { oid: string; params: Block | undefined } | undefined {
  if (!isUniversal(block, TAG.SEQUENCE)) return undefined;
  const [oidBlock, params] = childrenOf(block);
  const oid = oidOf(oidBlock);
  return oid === undefined ? undefined : { oid, params };
}

/** Encodes a definite-length DER element. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = content.length;
  let length: number[];
  if (n < 0x80) length = [n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    length = [0x80 | bytes.length, ...bytes];
  }
  return concatBytes(new Uint8Array([tag, ...length]), content);
}

/** Encodes an OBJECT IDENTIFIER from dotted form. */
export function encodeOid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split('.').map((a) => Number(a));
  const out: number[] = [];
  const push = (v: number): void => {
    const bytes = [v & 0x7f];
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  };
  push((arcs[0] ?? 0) * 40 + (arcs[1] ?? 0));
  for (const arc of arcs.slice(2)) push(arc);
  return encodeTlv(0x06, new Uint8Array(out));
}
