import { toHex } from '../bytes/hex.js';
import { boundElements } from '../codec/bind.js';
import { encodeHeaderTo, encodeRecordTo, encodeValue } from '../codec/encode.js';
import { ByteWriter } from '../bytes/writer.js';
import { completeLayout } from '../codec/layout.js';
import { checkNesting } from '../codec/nesting.js';
import { HEADER_BINDINGS, HEADER_BINDING_BY_TAG, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { bytesEqual } from '../bytes/hex.js';
import { PADDING_TAG, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustList } from '../model/types.js';
import { timestampDate } from '../model/time.js';

/** The JSON form's identifier; `fromJSON` refuses other formats. */
export const JSON_FORMAT = 'itl-codec/trust-list@1';

/** One element in the JSON form (docs/json.md). Keys appear in this order. */
export interface ElementJSON {
  tag: number;
  name: string;
  /** The typed value (string, number, "1.2", "sha1", role name, hex for bytes). Absent for unknown tags. */
  value?: unknown;
  /** TIMESTAMP only, informational: the value as ISO 8601. */
  time?: string;
  /** The stored bytes, present when the typed value alone would not give them back (or for unknown tags). */
  hex?: string;
  children?: ElementJSON[];
}

export interface TrustListJSON {
  format: typeof JSON_FORMAT;
  kind: TrustList['kind'];
  header: ElementJSON[];
  records: { elements: ElementJSON[] }[];
  /** Lenient decodes only: unreadable bytes at the end, kept. */
  trailing?: string;
}

/** The lossless JSON form: element lists in file order, typed values, hex where needed. Stable key order. */
export function toJSON(list: TrustList): TrustListJSON {
  // Refuse models no decoder could produce before the recursive walks below (a deep or cyclic model).
  checkNesting(list.header.elements ?? [], 'header', 'header');
  list.records.forEach((rec, i) => checkNesting(rec.elements ?? [], 'record', `records[${i}]`));
  const header = completeLayout(list.header.elements ?? [], list.header, HEADER_BINDINGS, HEADER_BINDING_BY_TAG, 'header');
  const out: TrustListJSON = {
    format: JSON_FORMAT,
    kind: list.kind,
    header: elementsToJSON(header, boundElements(header, HEADER_BINDING_BY_TAG), list.header, 'header', new Map([[2, measure((w) => encodeHeaderTo(w, list.header))]])),
    records: list.records.map((rec, i) => {
      const els = completeLayout(rec.elements ?? [], rec, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, 'record');
      const length = measure((w) => encodeRecordTo(w, rec, `records[${i}]`));
      return { elements: elementsToJSON(els, boundElements(els, RECORD_BINDING_BY_TAG), rec, 'record', new Map([[1, length]])) };
    }),
  };
  if (list.trailing) out.trailing = toHex(list.trailing);
  return out;
}

/** Encoded size of one part (header or record), the way the encoder will write it. */
function measure(write: (w: ByteWriter) => void): number {
  const w = new ByteWriter();
  write(w);
  return w.length;
}

/**
 * `lengths` gives HEADER_LENGTH / RECORD_LENGTH as the encoder will write them, so the JSON
 * never shows a stale length after an edit (they are informational: the encoder recomputes them).
 */
function elementsToJSON<M>(
  elements: readonly Element[],
  bound: ReadonlyMap<Element, Binding<M>>,
  model: M,
  ns: Namespace,
  lengths?: ReadonlyMap<number, number>,
): ElementJSON[] {
  const out: ElementJSON[] = [];
  for (const el of elements) {
    const base = { tag: el.tag, name: tagName(ns, el.tag) };
    if (ns === 'header' && el.tag === PADDING_TAG && el.value === undefined) {
      out.push(base);
    } else if (el.children) {
      out.push({ ...base, children: elementsToJSON(el.children, bound, model, ns, lengths) });
    } else {
      const b = bound.get(el);
      const value = b?.get(model);
      if (b && value === undefined) continue; // removed typed field: the encoder leaves it out too
      if (!b) {
        out.push({ ...base, hex: toHex(el.value ?? new Uint8Array()) });
        continue;
      }
      const written = encodeValue(b, model, el.value, ns);
      const j: ElementJSON = { ...base, value: b.codec.toJSON(lengths?.get(b.tag) ?? value) };
      if (ns === 'header' && el.tag === 15) j.time = timestampDate(value as number).toISOString();
      if (!bytesEqual(written, b.codec.encode(value))) j.hex = toHex(written);
      out.push(j);
    }
  }
  return out;
}
