import { bytesEqual, fromHex, toHex } from '../bytes/hex.js';
import { cstringEquals, decodeCString, encodeCString } from '../bytes/text.js';
import { digestCode, digestFromCode, isDigestName, type Digest } from './digests.js';
import { parseRole, roleName } from './roles.js';
import { ItlError } from '../errors.js';

/** A value that cannot be this field; callers add the path. */
function bad(message: string): ItlError {
  return new ItlError('ERR_VALUE', message);
}

/** A `major.minor` pair (header VERSION and SIGNER_VERSION). */
export interface Version {
  major: number;
  minor: number;
}

/**
 * How one typed field maps to value bytes and to the JSON form. `decode` returns `undefined`
 * when the bytes cannot be this type (wrong fixed size); such an element is kept as raw bytes.
 */
export interface FieldCodec<T> {
  /** Fixed value size in bytes, when the format fixes one. */
  size?: number;
  decode(raw: Uint8Array): T | undefined;
  /** `decode(raw) !== undefined`, without building the value (the binding rule asks this of every element). */
  accepts(raw: Uint8Array): boolean;
  /**
   * `equals(decode(raw), value)` for bytes that `accepts`, without building the value where it can
   * (the encoder asks this of every stored value, to keep the stored bytes while they still hold).
   */
  matches(raw: Uint8Array, value: T): boolean;
  encode(value: T): Uint8Array;
  equals(a: T, b: T): boolean;
  toJSON(value: T): unknown;
  /** Parse the JSON value; throws an `ERR_VALUE` `ItlError` without a path (the caller adds it). */
  fromJSON(json: unknown): T;
}

/**
 * A fixed-size field. `matches` may be given when it can compare without building the value
 * (the encoder asks it of every stored value of the field); by default it reads and compares.
 */
function fixed<T>(
  size: number,
  c: Omit<FieldCodec<T>, 'size' | 'decode' | 'accepts' | 'matches'> & { read(raw: Uint8Array): T; matches?: FieldCodec<T>['matches'] },
): FieldCodec<T> {
  const { read, matches, ...rest } = c;
  return {
    size,
    decode: (raw) => (raw.length === size ? read(raw) : undefined),
    accepts: (raw) => raw.length === size,
    matches: matches ?? ((raw, value) => c.equals(read(raw), value)),
    ...rest,
  };
}

function uint(size: 1 | 2 | 4, describe: string): FieldCodec<number> {
  const max = 2 ** (size * 8) - 1;
  const read = (raw: Uint8Array): number => {
    let acc = 0;
    for (let i = 0; i < raw.length; i++) acc = acc * 256 + raw[i]!;
    return acc;
  };
  return fixed<number>(size, {
    read,
    matches: (raw, value) => read(raw) === value,
    encode(v) {
      if (!Number.isInteger(v) || v < 0 || v > max) throw bad(`${describe} must be an integer 0..${max}, got ${String(v)}`);
      const out = new Uint8Array(size);
      for (let i = size - 1, x = v; i >= 0; i--, x = Math.floor(x / 256)) out[i] = x % 256;
      return out;
    },
    equals: (a, b) => a === b,
    toJSON: (v) => v,
    fromJSON(j) {
      if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j > max) throw bad(`expected an integer 0..${max}`);
      return j;
    },
  });
}

export const u8 = uint(1, 'a 1-byte value');
export const u16 = uint(2, 'a 2-byte value');
export const u32 = uint(4, 'a 4-byte value');

export const bytes: FieldCodec<Uint8Array> = {
  decode: (raw) => raw,
  accepts: () => true,
  matches: (raw, value) => bytesEqual(raw, value),
  encode: (v) => {
    if (!(v instanceof Uint8Array)) throw bad('expected a Uint8Array');
    return v;
  },
  equals: bytesEqual,
  toJSON: toHex,
  fromJSON(j) {
    const b = typeof j === 'string' ? fromHex(j) : undefined;
    if (!b) throw bad('expected a hex string');
    return b;
  },
};

export const cstring: FieldCodec<string> = {
  decode: decodeCString,
  accepts: () => true,
  matches: (raw, value) => cstringEquals(raw, value),
  encode: (v) => encodeCString(checkCString(v)),
  equals: (a, b) => a === b,
  toJSON: (v) => v,
  fromJSON: checkCString,
};

/** A string the format can carry: NUL-terminated UTF-8, so no NUL inside and no lone surrogate. */
function checkCString(v: unknown): string {
  if (typeof v !== 'string') throw bad('expected a string');
  if (v.includes('\0')) throw bad('a NUL-terminated string cannot contain NUL');
  if (/\p{Cs}/u.test(v)) throw bad('a string with a lone UTF-16 surrogate has no UTF-8 form');
  return v;
}

export const version: FieldCodec<Version> = fixed<Version>(2, {
  read: (raw) => ({ major: raw[0]!, minor: raw[1]! }),
  matches: (raw, v) => typeof v === 'object' && v !== null && v.major === raw[0] && v.minor === raw[1],
  encode(v) {
    if (!v || ![v.major, v.minor].every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) throw bad('expected {major, minor} of bytes');
    return Uint8Array.of(v.major, v.minor);
  },
  equals: (a, b) => a.major === b.major && a.minor === b.minor,
  toJSON: (v) => `${v.major}.${v.minor}`,
  fromJSON(j) {
    const m = typeof j === 'string' ? /^(\d{1,3})\.(\d{1,3})$/.exec(j) : null;
    if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) throw bad('expected "major.minor", e.g. "1.2"');
    return { major: Number(m[1]), minor: Number(m[2]) };
  },
});

/** IPv4 in network order, shown dotted (format.md §4.6). */
export const ipv4: FieldCodec<string> = fixed<string>(4, {
  read: (raw) => `${raw[0]!}.${raw[1]!}.${raw[2]!}.${raw[3]!}`,
  matches: dottedEquals,
  encode(v) {
    const parts = typeof v === 'string' ? v.split('.') : [];
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) throw bad(`expected a dotted IPv4 address, got ${JSON.stringify(v)}`);
    return Uint8Array.from(parts.map(Number));
  },
  equals: (a, b) => a === b,
  toJSON: (v) => v,
  fromJSON(j) {
    if (typeof j !== 'string') throw bad('expected a dotted IPv4 address');
    ipv4.encode(j);
    return j;
  },
});

/** `value === "a.b.c.d"` for the 4 bytes of `raw`, read in place (no string is built). */
function dottedEquals(raw: Uint8Array, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let at = 0;
  for (let i = 0; i < 4; i++) {
    if (i > 0 && value.charCodeAt(at++) !== 0x2e) return false; // '.'
    const n = raw[i]!;
    // The shortest decimal form, as the template literal of `read` writes it.
    if (n >= 100 && value.charCodeAt(at++) !== 0x30 + Math.floor(n / 100)) return false;
    if (n >= 10 && value.charCodeAt(at++) !== 0x30 + (Math.floor(n / 10) % 10)) return false;
    if (value.charCodeAt(at++) !== 0x30 + (n % 10)) return false;
  }
  return at === value.length;
}

/** `digestFromCode` for every byte, looked up instead of searched (a decoded header and each record may carry one). */
const DIGEST_BY_CODE: readonly Digest[] = Array.from({ length: 256 }, (_, code) => digestFromCode(code));

export const digest: FieldCodec<Digest> = fixed<Digest>(1, {
  read: (raw) => DIGEST_BY_CODE[raw[0]!]!,
  matches: (raw, value) => DIGEST_BY_CODE[raw[0]!] === value,
  encode: (v) => u8.encode(digestCode(v)),
  equals: (a, b) => a === b,
  toJSON: (v) => v,
  fromJSON(j) {
    if (isDigestName(j)) return j;
    if (typeof j === 'number') return digestFromCode(u8.fromJSON(j));
    throw bad('expected "sha1", "sha256", "sha512" or a code 0..255');
  },
});

/** FUNCTION: the role code; JSON shows the name when known. */
export const role: FieldCodec<number> = {
  ...u16,
  toJSON: (v) => (roleName(v).startsWith('ROLE_') ? v : roleName(v)),
  fromJSON(j) {
    const code = typeof j === 'string' || typeof j === 'number' ? parseRole(j) : undefined;
    if (code === undefined) throw bad('expected a role name (SAST, CCM, CCM+TFTP, TFTP, CAPF, APP-SERVER, TVS) or a code 0..65535');
    return code;
  },
};
