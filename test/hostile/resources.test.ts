/**
 * Resource bounds on hostile input:
 *  - work grows linearly with input size: counted (value views, bytes copied, bytes of text
 *    decoded, elements), never timed; wall-clock timings are in scripts/linearity.ts;
 *  - the decoder copies its input once and allocates no buffer larger than it
 *    (process.memoryUsage().arrayBuffers);
 *  - no recursion deeper than the format needs: containers nested deeper than the decoder allows
 *    are ERR_NESTING in bytes, in models and in the JSON form, however deep (no stack overflow);
 *  - JSON with huge hex strings or deep nesting is refused with ERR_JSON, fast.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import {
  decodeSignedFile,
  decodeTrustList,
  encodeTrustList,
  evaluateTrust,
  fromJSON,
  ItlError,
  toJSON,
  verifyTrustList,
  type Element,
  type TrustList,
} from '../../src/index.js';
import { adversarial, SHAPES, type Shape } from './lib/adversarial.js';
import { within } from './lib/guard.js';
import { manySignerRecords } from './lib/regressions.js';
import { concat, setU16, tlv } from './lib/tlv.js';

const KB = 1024;
const MB = 1024 * KB;

// ---- counting work ---------------------------------------------------------------------------------

interface Work {
  /** Byte views handed out: Uint8Array#subarray calls and Uint8Array constructions over an existing buffer. */
  views: number;
  /** Bytes copied or allocated: Uint8Array#slice, and Uint8Array constructions that allocate. */
  copied: number;
  /** Bytes given to TextDecoder#decode. */
  text: number;
  /** Elements in the decoded model. */
  elements: number;
}

/**
 * Run `f` while counting the work done through Uint8Array (constructor, subarray, slice) and
 * TextDecoder: every view, copy and string the decoder makes goes through one of these, whatever
 * its implementation. Everything is restored afterwards.
 */
function counted<T>(f: () => T): { result: T; work: Omit<Work, 'elements'> } {
  const g = globalThis as { Uint8Array: Uint8ArrayConstructor };
  const Real = g.Uint8Array;
  const proto = Real.prototype;
  const subarray = proto.subarray;
  const slice = proto.slice;
  const decode = TextDecoder.prototype.decode;
  const work = { views: 0, copied: 0, text: 0 };
  const Counting: Uint8ArrayConstructor = new Proxy(Real, {
    construct(target, args, newTarget) {
      const out = Reflect.construct(target, args, newTarget === Counting ? target : newTarget) as Uint8Array;
      if (args[0] instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && args[0] instanceof SharedArrayBuffer)) work.views++;
      else work.copied += out.length;
      return out;
    },
  });
  g.Uint8Array = Counting;
  proto.subarray = function (this: Uint8Array, ...args: Parameters<typeof subarray>) {
    work.views++;
    return subarray.apply(this, args);
  } as typeof subarray;
  proto.slice = function (this: Uint8Array, ...args: Parameters<typeof slice>) {
    const out = slice.apply(this, args);
    work.copied += out.length;
    return out;
  } as typeof slice;
  TextDecoder.prototype.decode = function (this: TextDecoder, input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
    work.text += input?.byteLength ?? 0;
    return decode.call(this, input, options);
  };
  try {
    return { result: f(), work };
  } finally {
    g.Uint8Array = Real;
    proto.subarray = subarray;
    proto.slice = slice;
    TextDecoder.prototype.decode = decode;
  }
}

const elementCount = (list: TrustList): number => {
  const n = (els: readonly Element[]): number => els.reduce((k, e) => k + 1 + (e.children ? n(e.children) : 0), 0);
  return n(list.header.elements) + list.records.reduce((k, r) => k + n(r.elements), 0);
};

function decodeWork(bytes: Uint8Array): Work {
  const { result, work } = counted(() => decodeTrustList(bytes));
  return { ...work, elements: elementCount(result) };
}

describe('decoding work grows linearly with the input', () => {
  const sizes: Record<Shape, number[]> = {
    random: [1 * KB, 64 * KB, 1 * MB, 16 * MB],
    'max-tlvs': [1 * KB, 64 * KB, 1 * MB, 16 * MB],
    'tiny-records': [1 * KB, 64 * KB, 1 * MB],
    'empty-elements': [1 * KB, 64 * KB, 1 * MB],
    'padded-header': [1 * KB, 64 * KB, 1 * MB, 4 * MB],
  };
  it.each(SHAPES.map((s) => [s, sizes[s]] as const))('%s: %j bytes', (shape, list) => {
    const runs = list.map((size) => {
      const bytes = adversarial(shape, size);
      expect(bytes.length).toBeGreaterThan(size - 8);
      return { size: bytes.length, work: decodeWork(bytes) };
    });
    for (const { size, work } of runs) {
      // Per byte: at most one element and one value view, the input copied once, text decoded at most once.
      expect(work.elements).toBeLessThanOrEqual(size);
      expect(work.views).toBeLessThanOrEqual(size);
      expect(work.copied).toBe(size); // exactly the one defensive copy (and proof the counters count)
      expect(work.views).toBeGreaterThan(0);
      expect(work.text).toBeLessThanOrEqual(size);
    }
    // Ratios between sizes with the same mix: 1 KB of random records holds too few elements to be
    // representative, and a padded header is all padding up to 64 KB and mostly records after.
    const from = shape === 'random' ? 2 : shape === 'padded-header' ? 3 : 1;
    for (let i = from; i < runs.length; i++) {
      const ratio = runs[i]!.size / runs[i - 1]!.size;
      for (const k of ['elements', 'views', 'copied', 'text'] as const) {
        // Generous: twice the size ratio, plus a constant for tiny inputs.
        expect(runs[i]!.work[k]).toBeLessThanOrEqual(2 * ratio * runs[i - 1]!.work[k] + 64);
      }
    }
  }, 60_000);

  it('random bytes (16 MB) are refused after looking at a few of them', () => {
    let x = 7;
    const bytes = new Uint8Array(16 * MB).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const { work } = counted(() => {
      try {
        decodeTrustList(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(ItlError);
      }
    });
    expect(work.views).toBeLessThan(16);
    expect(work.copied).toBeLessThanOrEqual(bytes.length); // the one defensive copy
  });
});

// ---- memory ------------------------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Growth of process.memoryUsage().arrayBuffers while `f`'s result is alive, after full GCs. */
function arrayBufferGrowth(f: () => unknown): number {
  gc();
  gc();
  const before = process.memoryUsage().arrayBuffers;
  const keep = f();
  gc();
  const after = process.memoryUsage().arrayBuffers;
  expect(keep).toBeDefined();
  return after - before;
}

describe('no allocation larger than the input: the decoder copies once', () => {
  it.each(['random', 'max-tlvs'] as const)('%s, 16 MB: decode, decodeSignedFile and encode each stay within 3x the input in ArrayBuffers', (shape) => {
    const bytes = adversarial(shape, 16 * MB);
    const decoded = arrayBufferGrowth(() => decodeTrustList(bytes));
    expect(decoded).toBeLessThanOrEqual(3 * bytes.length);
    expect(decoded).toBeGreaterThan(0.9 * bytes.length); // the copy that keeps the model from aliasing the caller's buffer
    expect(arrayBufferGrowth(() => decodeSignedFile(bytes))).toBeLessThanOrEqual(3 * bytes.length);
    const list = decodeTrustList(bytes);
    expect(arrayBufferGrowth(() => encodeTrustList(list))).toBeLessThanOrEqual(3 * bytes.length);
  }, 60_000);

  it('verifying 16 MB copies the signed range once more, and no more', async () => {
    // A header naming a signer and carrying a 128-byte SIGNATURE, then 16 MB of records: the
    // verifier cuts the signed range (one copy), then finds no signer record.
    const signer = concat(tlv(4, new TextEncoder().encode('CN=x\0')), tlv(5, Uint8Array.of(1)), tlv(6, new TextEncoder().encode('CN=x\0')));
    const info = concat(Uint8Array.of(7, 0, 15), tlv(8, Uint8Array.of(1)), Uint8Array.of(9, 0, 8), tlv(10, Uint8Array.of(0)), tlv(11, Uint8Array.of(1)));
    const head = concat(Uint8Array.of(1, 0, 2, 1, 2, 2, 0, 2, 0, 0), Uint8Array.of(3, 0, signer.length), signer, info, tlv(12, new Uint8Array(128)));
    setU16(head, 8, head.length);
    const body = adversarial('max-tlvs', 16 * MB).subarray(adversarial('max-tlvs', 0).length);
    const bytes = concat(head, body);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const r = await verifyTrustList(bytes);
    const after = process.memoryUsage().arrayBuffers;
    expect(r.reason).toBe('SIGNER_NOT_FOUND');
    expect(after - before).toBeLessThanOrEqual(3 * bytes.length);
  }, 60_000);
});

// ---- RSA work ----------------------------------------------------------------------------------------

/** A SubtleCrypto that counts the expensive calls (key imports and verifications). */
function countingSubtle(): { subtle: SubtleCrypto; ops: { importKey: number; verify: number } } {
  const real = globalThis.crypto.subtle;
  const ops = { importKey: 0, verify: 0 };
  const subtle = new Proxy(real, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown;
      if (key === 'importKey' || key === 'verify') {
        return (...args: unknown[]) => {
          ops[key]++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { subtle, ops };
}

describe('verification does a bounded number of RSA operations, however many records name the signer', () => {
  it.each([8, 64, 1000])('%i SAST records with the signer serial and made-up keys: at most 4 key imports and verifications, from the file or from an installed list', async (count) => {
    const bytes = manySignerRecords(count);
    const own = countingSubtle();
    const r = await verifyTrustList(bytes, { subtle: own.subtle });
    expect(r.reason).toBe('SIGNATURE_MISMATCH');
    expect(own.ops.verify).toBeLessThanOrEqual(4);
    expect(own.ops.importKey).toBeLessThanOrEqual(4);
    const installed = countingSubtle();
    const r2 = await verifyTrustList(bytes, { subtle: installed.subtle, trustList: decodeTrustList(bytes) });
    expect(r2.valid).toBe(false);
    expect(installed.ops.verify).toBeLessThanOrEqual(4);
  }, 30_000);
});

// ---- nesting -----------------------------------------------------------------------------------------

/** A header whose first element after HEADER_LENGTH is `depth` containers (3, 7, 9, 3, ...) nested. */
function nestedHeader(depth: number): Uint8Array {
  const out = new Uint8Array(10 + 3 * depth + 4);
  out.set([1, 0, 2, 1, 2, 2, 0, 2]);
  setU16(out, 8, out.length);
  for (let i = 0; i < depth; i++) {
    out[10 + 3 * i] = [3, 7, 9][i % 3]!;
    setU16(out, 10 + 3 * i + 1, 3 * (depth - i - 1) + 4);
  }
  out.set([29, 0, 1, 0], 10 + 3 * depth); // an innermost element: unknown tag 29, one byte
  return out;
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ItlError);
    return (e as ItlError).code;
  }
  return 'no error';
};

describe('nesting deeper than the format is refused, not recursed into', () => {
  it('bytes: 3 nested containers decode, 4 are ERR_NESTING, and so are 21 000 (a full 64 KB header) at once', () => {
    expect(codeOf(() => decodeTrustList(nestedHeader(3)))).toBe('no error');
    expect(decodeTrustList(nestedHeader(3)).header.elements[2]!.children![0]!.children![0]!.children![0]!.tag).toBe(29);
    expect(codeOf(() => decodeTrustList(nestedHeader(4)))).toBe('ERR_NESTING');
    const deep = nestedHeader(21_000);
    expect(deep.length).toBeLessThanOrEqual(0xffff);
    for (const f of [() => decodeTrustList(deep), () => decodeTrustList(deep, { lenient: true }), () => decodeSignedFile(deep)]) {
      const { work } = counted(() => within(200, 'decoding 21 000 nested containers', () => codeOf(f)));
      expect(within(200, 'decoding 21 000 nested containers', () => codeOf(f))).toBe('ERR_NESTING');
      expect(work.views).toBeLessThan(10);
    }
  });

  const deepModel = (depth: number, where: 'header' | 'record' = 'header', cyclic = false): TrustList => {
    let el: Element = { tag: 12, value: new Uint8Array(4) };
    for (let i = 0; i < depth; i++) el = { tag: [3, 7, 9][i % 3]!, children: [el] };
    if (cyclic) el.children!.push(el);
    const version: Element = { tag: 1, value: Uint8Array.of(1, 2) };
    return where === 'header'
      ? { kind: 'ITL', header: { version: { major: 1, minor: 2 }, elements: [version, el] }, records: [] }
      : { kind: 'ITL', header: { version: { major: 1, minor: 2 }, elements: [version] }, records: [{ elements: [{ tag: 1, value: Uint8Array.of(0, 5) }, el] }] };
  };

  it('models: containers nested 100 000 deep (or in a cycle) are ERR_NESTING for encodeTrustList, toJSON, verifyTrustList and evaluateTrust; record elements with children are ERR_VALUE', async () => {
    expect(codeOf(() => encodeTrustList(deepModel(3)))).toBe('no error');
    for (const model of [deepModel(4), deepModel(100_000), deepModel(5, 'header', true)]) {
      expect(codeOf(() => within(500, 'encodeTrustList(deep model)', () => encodeTrustList(model)))).toBe('ERR_NESTING');
      expect(codeOf(() => within(500, 'toJSON(deep model)', () => toJSON(model)))).toBe('ERR_NESTING');
      await expect(verifyTrustList(model)).rejects.toMatchObject({ code: 'ERR_NESTING' });
      await expect(evaluateTrust({ candidate: model })).rejects.toMatchObject({ code: 'ERR_NESTING' });
    }
    for (const model of [deepModel(1, 'record'), deepModel(100_000, 'record')]) {
      expect(codeOf(() => within(500, 'encodeTrustList(record with children)', () => encodeTrustList(model)))).toBe('ERR_VALUE');
      expect(codeOf(() => within(500, 'toJSON(record with children)', () => toJSON(model)))).toBe('ERR_VALUE');
    }
  });
});

// ---- the JSON form -------------------------------------------------------------------------------------

describe('the JSON form refuses huge and deep input cleanly and fast (ERR_JSON)', () => {
  const doc = (header: unknown[], extra: object = {}) => ({ format: 'itl-codec/trust-list@1', kind: 'ITL', header: [{ tag: 1, value: '1.2' }, ...header], records: [], ...extra });
  const jsonCode = (what: string, input: unknown, ms = 100): string => codeOf(() => within(ms, what, () => fromJSON(input)));
  const hex100MB = 'ab'.repeat(50 * MB);

  it('a 100 MB hex string as "hex", as a bytes "value", as a string "value", as an unknown tag', () => {
    expect(jsonCode('hex', doc([{ tag: 5, hex: hex100MB }]))).toBe('ERR_JSON');
    expect(jsonCode('bytes value', doc([{ tag: 5, value: hex100MB }]))).toBe('ERR_JSON');
    expect(jsonCode('string value', doc([{ tag: 14, value: hex100MB }]))).toBe('ERR_JSON');
    expect(jsonCode('record bytes value', { ...doc([]), records: [{ elements: [{ tag: 9, value: hex100MB }] }] })).toBe('ERR_JSON');
    expect(jsonCode('unknown tag', doc([{ tag: 99, value: hex100MB }]))).toBe('ERR_JSON');
  });

  it('the largest values that can be encoded are still accepted', () => {
    const max = 'cd'.repeat(0xffff);
    expect(codeOf(() => fromJSON(doc([{ tag: 5, value: max }])))).toBe('no error');
    expect(codeOf(() => fromJSON(doc([{ tag: 5, value: max.replace(/(..)/g, '$1:') }])))).toBe('no error'); // colon-separated hex
    expect(codeOf(() => fromJSON(doc([{ tag: 14, value: 'x'.repeat(0xfffe) }])))).toBe('no error');
    // The longest record value: 5 (RECORDLENGTH) + 3 + 65 527 = 65 535 bytes.
    const full = fromJSON({ ...doc([]), records: [{ elements: [{ tag: 1, value: 0 }, { tag: 9, value: 'cd'.repeat(65_527) }] }] });
    expect(encodeTrustList(full).length).toBe(10 + 0xffff);
  });

  it('"trailing" (lenient decodes keep unreadable bytes there, so it has no size limit) refuses 100 MB of bad hex in well under a second', () => {
    expect(jsonCode('trailing', doc([], { trailing: `${hex100MB}g` }), 2000)).toBe('ERR_JSON');
    expect(jsonCode('trailing', doc([], { trailing: `g${hex100MB}` }), 2000)).toBe('ERR_JSON');
  });

  it('children nested 100 000 deep, as a JS object and as JSON text; arrays and values nested 100 000 deep', () => {
    let deep: unknown = { tag: 12, hex: '00' };
    let text = '{"tag":12,"hex":"00"}';
    for (let i = 0; i < 100_000; i++) {
      deep = { tag: [3, 7, 9][i % 3], children: [deep] };
      text = `{"tag":${[3, 7, 9][i % 3]},"children":[${text}]}`;
    }
    expect(jsonCode('deep object', doc([deep]))).toBe('ERR_JSON');
    expect(jsonCode('deep text', JSON.stringify(doc([])).replace('"header":[', `"header":[${text},`), 2000)).toBe('ERR_JSON');
    expect(jsonCode('deep arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 2000)).toBe('ERR_JSON');
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) value = { a: value };
    expect(jsonCode('deep value', doc([{ tag: 14, value }]))).toBe('ERR_JSON');
    expect(jsonCode('deep record', { ...doc([]), records: [{ elements: [deep] }] })).toBe('ERR_JSON');
  });
});
