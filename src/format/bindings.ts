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

/**
 * A typed field `key` of the model. `get`/`set` are written out per field (not `m[key]` with a
 * shared key) so that each one reads a fixed property: they run for every element decoded or
 * encoded, and a shared keyed access is slow once it has seen every field name.
 */
function field<M, K extends keyof M & string>(tag: number, key: K, codec: FieldCodec<any>, get: (m: M) => M[K], set: (m: M, v: M[K]) => void): Binding<M> {
  return { tag, path: key, codec, get, set: set as (m: M, v: unknown) => void };
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

type H = TrustListHeader;
type R = TrustRecord;

/**
 * Typed header fields. HEADER_LENGTH is bound for decoding only; the encoder computes it.
 * Listed in the CUCM element order (format.md §3.2), which is also where a field missing from
 * the element list is inserted.
 */
export const HEADER_BINDINGS: ReadonlyArray<Binding<TrustListHeader>> = [
  field(1, 'version', F.version, (h: H) => h.version, (h: H, v) => { h.version = v; }),
  field(2, 'headerLength', F.u16, (h: H) => h.headerLength, (h: H, v) => { h.headerLength = v; }),
  field(28, 'signerVersion', F.version, (h: H) => h.signerVersion, (h: H, v) => { h.signerVersion = v; }),
  signerField(4, 'name', F.cstring),
  signerField(5, 'serialNumber', F.bytes),
  signerField(6, 'issuerName', F.cstring),
  field(8, 'digest', F.digest, (h: H) => h.digest, (h: H, v) => { h.digest = v; }),
  field(10, 'signatureAlgorithm', F.u8, (h: H) => h.signatureAlgorithm, (h: H, v) => { h.signatureAlgorithm = v; }),
  field(11, 'modulusCode', F.u8, (h: H) => h.modulusCode, (h: H, v) => { h.modulusCode = v; }),
  field(12, 'signature', F.bytes, (h: H) => h.signature, (h: H, v) => { h.signature = v; }),
  field(14, 'filename', F.cstring, (h: H) => h.filename, (h: H, v) => { h.filename = v; }),
  field(15, 'timestamp', F.u32, (h: H) => h.timestamp, (h: H, v) => { h.timestamp = v; }),
];

/** Typed record fields, in the CUCM order (format.md §4.9). RECORD_LENGTH is computed on encode. */
export const RECORD_BINDINGS: ReadonlyArray<Binding<TrustRecord>> = [
  field(1, 'recordLength', F.u16, (r: R) => r.recordLength, (r: R, v) => { r.recordLength = v; }),
  field(2, 'dnsName', F.cstring, (r: R) => r.dnsName, (r: R, v) => { r.dnsName = v; }),
  field(3, 'subjectName', F.cstring, (r: R) => r.subjectName, (r: R, v) => { r.subjectName = v; }),
  field(4, 'role', F.role, (r: R) => r.role, (r: R, v) => { r.role = v; }),
  field(5, 'issuerName', F.cstring, (r: R) => r.issuerName, (r: R, v) => { r.issuerName = v; }),
  field(6, 'serialNumber', F.bytes, (r: R) => r.serialNumber, (r: R, v) => { r.serialNumber = v; }),
  field(7, 'publicKey', F.bytes, (r: R) => r.publicKey, (r: R, v) => { r.publicKey = v; }),
  field(8, 'signature', F.bytes, (r: R) => r.signature, (r: R, v) => { r.signature = v; }),
  field(9, 'certificate', F.bytes, (r: R) => r.certificate, (r: R, v) => { r.certificate = v; }),
  field(10, 'ipAddress', F.ipv4, (r: R) => r.ipAddress, (r: R, v) => { r.ipAddress = v; }),
  field(11, 'certificateHash', F.bytes, (r: R) => r.certificateHash, (r: R, v) => { r.certificateHash = v; }),
  field(12, 'hashAlgorithm', F.digest, (r: R) => r.hashAlgorithm, (r: R, v) => { r.hashAlgorithm = v; }),
];

/**
 * Tag → binding. Also indexed by tag as an array (`at`), for the decoder and encoder, which look
 * up every element.
 */
export class BindingTable<M> extends Map<number, Binding<M>> {
  readonly at: ReadonlyArray<Binding<M> | undefined>;

  constructor(bindings: ReadonlyArray<Binding<M>>) {
    super(bindings.map((b) => [b.tag, b]));
    this.at = Array.from({ length: 256 }, (_, tag) => this.get(tag));
  }
}

export const HEADER_BINDING_BY_TAG = new BindingTable(HEADER_BINDINGS);
export const RECORD_BINDING_BY_TAG = new BindingTable(RECORD_BINDINGS);

/** Every bound tag is below 31, so a set of bound tags fits the bits of one number (codec/bind.ts relies on it). */
export const MAX_BOUND_TAG = 30;
for (const b of [...HEADER_BINDINGS, ...RECORD_BINDINGS]) if (b.tag > MAX_BOUND_TAG) throw new Error(`binding tag ${b.tag} is above ${MAX_BOUND_TAG}`);

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
