import { ByteReader, Views } from '../bytes/reader.js';
import { ItlError } from '../errors.js';
import { RECORD_BINDING_BY_TAG } from '../format/bindings.js';
import { RECORD_LENGTH_SIZE, RECORD_LENGTH_TAG, tagName } from '../format/tags.js';
import type { Element, TrustRecord } from '../model/types.js';
import { bindDecoded } from './bind.js';
import type { DecodeContext } from './context.js';
import { DecodedRecord, remember } from './snapshot.js';

/**
 * Decode records from `start` to the end of the input (format.md §4.2). A lenient decode stops at
 * the first record it cannot read and returns the rest as `trailing`.
 */
export function decodeRecords(bytes: Uint8Array, start: number, ctx: DecodeContext): { records: TrustRecord[]; trailing?: Uint8Array } {
  const records: TrustRecord[] = [];
  let pos = start;
  const views = new Views(bytes);
  while (pos < bytes.length) {
    try {
      const record = decodeRecord(bytes, views, pos, records.length, ctx);
      records.push(record);
      pos += record.recordLength!;
    } catch (e) {
      if (!(e instanceof ItlError)) throw e;
      ctx.tolerate(e);
      return { records, trailing: bytes.subarray(pos) };
    }
  }
  return { records };
}

export function decodeRecord(bytes: Uint8Array, views: Views, offset: number, index: number, ctx: DecodeContext): TrustRecord {
  const path = `records[${index}]`;
  let tag: number;
  let len: number;
  if (offset + RECORD_LENGTH_SIZE <= bytes.length) {
    tag = bytes[offset]!;
    len = (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
  } else {
    // Too short for a RECORDLENGTH element: bytes that do not even start like one are not a
    // record at all; otherwise the checking reader names what is missing.
    const head = new ByteReader(bytes, offset, bytes.length, path);
    tag = head.u8('a record tag');
    if (tag !== RECORD_LENGTH_TAG) throw new ItlError('ERR_RECORD_START', `a record must start with RECORD_LENGTH (tag 1); found tag ${tag}`, { offset, path });
    len = head.u16('the length of RECORD_LENGTH');
    if (tag === RECORD_LENGTH_TAG && len === 2) head.bytesView(2, 'the value of RECORD_LENGTH');
  }
  if (tag !== RECORD_LENGTH_TAG || len !== 2) {
    throw new ItlError('ERR_RECORD_START', `a record must start with RECORD_LENGTH (tag 1, length 2); found tag ${tag} with length ${len}`, {
      offset,
      path,
    });
  }
  const lengthValue = views.of(offset + 3, offset + RECORD_LENGTH_SIZE);
  const recordLength = (lengthValue[0]! << 8) | lengthValue[1]!;
  if (recordLength < RECORD_LENGTH_SIZE || offset + recordLength > bytes.length) {
    const why = recordLength < RECORD_LENGTH_SIZE ? 'is below 5 (it counts its own 5 bytes)' : `runs past the end of the input (${bytes.length} bytes)`;
    throw new ItlError('ERR_RECORD_LENGTH', `RECORDLENGTH ${recordLength} ${why}`, { offset, path: `${path}/recordLength` });
  }
  const end = offset + recordLength;
  const elements: Element[] = [{ tag: RECORD_LENGTH_TAG, value: lengthValue, offset }];
  let p = offset + RECORD_LENGTH_SIZE;
  while (p < end) {
    // The common case, read inline; an element that does not fit is read again by the checking
    // reader, which throws the error (code, offset, message) for it.
    if (p + 3 <= end) {
      const n = (bytes[p + 1]! << 8) | bytes[p + 2]!;
      if (p + 3 + n <= end) {
        elements.push({ tag: bytes[p]!, offset: p, value: views.of(p + 3, p + 3 + n) });
        p += 3 + n;
        continue;
      }
    }
    const r = new ByteReader(bytes, p, end, path, 'ERR_OVERRUN');
    const t = r.u8('a tag');
    const name = tagName('record', t);
    const n = r.u16(`the length of ${name}`);
    r.bytesView(n, `the value of ${name}`);
    throw new Error('unreachable: an element that does not fit was read');
  }
  const record: TrustRecord = new DecodedRecord(elements, offset);
  const typed: unknown[] = [];
  bindDecoded(record, elements, RECORD_BINDING_BY_TAG, ctx, path, typed);
  remember(record, elements, typed, bytes, offset, end);
  return record;
}
