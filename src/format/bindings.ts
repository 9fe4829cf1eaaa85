import * as F from './fields.js';
import type { FieldCodec } from './fields.js';
import type { TrustListHeader, TrustRecord } from '../model/types.js';

/** Ties a tag to a typed field of the model: how to read, write and encode it. */
export interface Binding<M> {
  tag: number;
  /** Model path, used in errors and docs (`signer/serialNumber`). */
  path: string;
  codec: FieldCodec<any>;
  get(model: M): unknown;
  set(model: M, value: unknown): void;
}

function field<M, K extends keyof M & string>(tag: number, key: K, codec: FieldCodec<any>): Binding<M> {
  return {
    tag,
    path: key,
    codec,
    get: (m) => m[key],
    set: (m, v) => {
      m[key] = v as M[K];
    },
  };
}

function signerField(tag: number, key: 'name' | 'serialNumber' | 'issuerName', codec: FieldCodec<any>): Binding<TrustListHeader> {
  return {
    tag,
    path: `signer/${key}`,
    codec,
    get: (h) => h.signer?.[key],
    set: (h, v) => {
      (h.signer ??= {})[key] = v as never;
    },
  };
}

/**
 * Typed header fields. HEADER_LENGTH is bound for decoding only; the encoder computes it.
 * Listed in the CUCM element order (format.md §3.2), which is also where a field missing from
 * the element list is inserted.
 */
export const HEADER_BINDINGS: ReadonlyArray<Binding<TrustListHeader>> = [
  field(1, 'version', F.version),
  field(2, 'headerLength', F.u16),
  field(28, 'signerVersion', F.version),
  signerField(4, 'name', F.cstring),
  signerField(5, 'serialNumber', F.bytes),
  signerField(6, 'issuerName', F.cstring),
  field(8, 'digest', F.digest),
  field(10, 'signatureAlgorithm', F.u8),
  field(11, 'modulusCode', F.u8),
  field(12, 'signature', F.bytes),
  field(14, 'filename', F.cstring),
  field(15, 'timestamp', F.u32),
];

/** Typed record fields, in the CUCM order (format.md §4.9). RECORD_LENGTH is computed on encode. */
export const RECORD_BINDINGS: ReadonlyArray<Binding<TrustRecord>> = [
  field(1, 'recordLength', F.u16),
  field(2, 'dnsName', F.cstring),
  field(3, 'subjectName', F.cstring),
  field(4, 'role', F.role),
  field(5, 'issuerName', F.cstring),
  field(6, 'serialNumber', F.bytes),
  field(7, 'publicKey', F.bytes),
  field(8, 'signature', F.bytes),
  field(9, 'certificate', F.bytes),
  field(10, 'ipAddress', F.ipv4),
  field(11, 'certificateHash', F.bytes),
  field(12, 'hashAlgorithm', F.digest),
];

export const HEADER_BINDING_BY_TAG = new Map(HEADER_BINDINGS.map((b) => [b.tag, b]));
export const RECORD_BINDING_BY_TAG = new Map(RECORD_BINDINGS.map((b) => [b.tag, b]));

/** Where each header field sits in the CUCM layout: its container (if any). */
export const HEADER_FIELD_PARENT: ReadonlyMap<number, number | undefined> = new Map([
  [4, 3],
  [5, 3],
  [6, 3],
  [8, 7],
  [9, 7],
  [10, 9],
  [11, 9],
]);
