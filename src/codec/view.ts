import { Views } from '../bytes/reader.js';
import { ItlError } from '../errors.js';
import type { TrustList, TrustListHeader, TrustListKind, TrustRecord } from '../model/types.js';
import { DecodeContext } from './context.js';
import { decodeTrustList } from './decode.js';
import { decodeHeader } from './decode-header.js';
import { decodeRecord } from './decode-records.js';
import { scanTrustList } from './scan.js';

export interface ViewOptions {
  /** Force the kind instead of guessing it from FILENAME and roles. */
  kind?: TrustListKind;
}

const STRICT = new DecodeContext(false);

/**
 * A trust list read in place: the bytes are checked as strictly as `decodeTrustList` checks them
 * (the same errors for the same bytes), but the header and records are decoded only when first
 * asked for, and their values are views of `bytes`, not copies.
 *
 * A view is a `TrustList`, so it goes wherever one goes (`verifyTrustList`, `evaluateTrust`,
 * `toJSON`, `lintTrustList`...). Its header and records are decoded once and shared: treat them
 * as read-only, and call `toTrustList()` for a model to edit, or to spread, clone or send to a
 * worker (a view's header and records are getters: `{...view}` and `structuredClone(view)` do not
 * carry them). Do not change `bytes` while the view is in use; pass a copy if you will.
 */
export class TrustListView implements TrustList {
  readonly kind: TrustListKind;
  /** HeaderLength: where the records start. */
  readonly headerLength: number;
  private readonly starts: number[];
  private decodedHeader: TrustListHeader | undefined;
  private decodedRecords: (TrustRecord | undefined)[] | undefined;
  private allRecords: TrustRecord[] | undefined;

  /** @internal Use `viewTrustList`, which checks the bytes first. */
  constructor(
    /** The file, as given (not copied). */
    readonly bytes: Uint8Array,
    kind: TrustListKind,
    headerLength: number,
    starts: number[],
  ) {
    this.kind = kind;
    this.headerLength = headerLength;
    this.starts = starts;
  }

  get recordCount(): number {
    return this.starts.length;
  }

  /** Offset of record `index` in `bytes`. */
  recordOffset(index: number): number {
    const at = this.starts[index];
    if (at === undefined) throw new ItlError('ERR_VALUE', `record ${index} does not exist (${this.starts.length} records)`);
    return at;
  }

  /** The header, decoded on first access. */
  get header(): TrustListHeader {
    return (this.decodedHeader ??= decodeHeader(this.bytes, STRICT).header);
  }

  /** Record `index`, decoded on first access (the others stay undecoded). */
  record(index: number): TrustRecord {
    const cache = (this.decodedRecords ??= new Array(this.starts.length));
    return (cache[index] ??= decodeRecord(this.bytes, new Views(this.bytes), this.recordOffset(index), index, STRICT));
  }

  /** Every record, decoded on first access. */
  get records(): TrustRecord[] {
    if (this.allRecords) return this.allRecords;
    const all: TrustRecord[] = new Array(this.starts.length);
    for (let i = 0; i < all.length; i++) all[i] = this.record(i);
    return (this.allRecords = all);
  }

  /** A plain, editable model of its own, as `decodeTrustList` of a copy of `bytes` returns. */
  toTrustList(): TrustList {
    return decodeTrustList(this.bytes, { kind: this.kind });
  }
}

/**
 * Check a trust list and return a view of it that decodes on demand (see `TrustListView`).
 * Throws the same `ItlError` as strict `decodeTrustList` for the same bytes. The fast way to
 * validate a file, read its kind and a few fields, or hand it to `verifyTrustList`.
 */
export function viewTrustList(bytes: Uint8Array, options: ViewOptions = {}): TrustListView {
  if (!(bytes instanceof Uint8Array)) throw new ItlError('ERR_VALUE', 'viewTrustList expects a Uint8Array');
  const scan = scanTrustList(bytes);
  if (scan === undefined) {
    const list = decodeTrustList(bytes, options); // throws the precise error
    // Reached only if the scan were stricter than the decoder (the tests look for that): the decoder decides.
    return new TrustListView(bytes, list.kind, list.header.headerLength!, list.records.map((r) => r.offset!));
  }
  return new TrustListView(bytes, options.kind ?? scan.kind(bytes), scan.headerLength, scan.recordStarts);
}

/**
 * Indices of the records whose serial number (their first SERIAL_NUMBER element, as the binding
 * rule reads it) is `serial`, found in the bytes without decoding any record: verification looks
 * for the signer's record this way, which spares decoding the other records of a long list.
 */
export function recordsNamingSerial(view: TrustListView, serial: Uint8Array): number[] {
  const b = view.bytes;
  const out: number[] = [];
  for (let i = 0; i < view.recordCount; i++) {
    const start = view.recordOffset(i);
    const end = start + ((b[start + 3]! << 8) | b[start + 4]!);
    for (let p = start + 5; p < end; ) {
      const len = (b[p + 1]! << 8) | b[p + 2]!;
      if (b[p] === SERIAL_NUMBER_TAG) {
        if (len === serial.length && sameBytes(b, p + 3, serial)) out.push(i);
        break;
      }
      p += 3 + len;
    }
  }
  return out;
}

const SERIAL_NUMBER_TAG = 6;

function sameBytes(b: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (b[at + i] !== want[i]) return false;
  return true;
}
