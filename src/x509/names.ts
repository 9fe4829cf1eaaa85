/**
 * Distinguished names as the strings trust lists carry (format.md §4.3), plus an RFC 4514 string
 * for people.
 */
import type { NameStrings } from '../model/certificate.js';
import { latin1Decode, toHex } from './bytes.js';
import { childrenOf, contentOf, isUniversal, oidOf, rawOf, TAG, type Block } from './der.js';
import { X509Error } from './errors.js';

/** One AttributeTypeAndValue. */
export interface NameAttribute {
  oid: string;
  /** The decoded string, or undefined when the value is not a character string. */
  text: string | undefined;
  /** The DER of the value (tag, length, contents). */
  valueDer: Uint8Array;
}

/** A Name: RDNs in DER order, each a list of attributes in DER order. */
export type RdnSequence = NameAttribute[][];

const CN = '2.5.4.3';
const OU = '2.5.4.11';
const O = '2.5.4.10';
const L = '2.5.4.7';
const ST = '2.5.4.8';
const C = '2.5.4.6';
const EMAIL = '1.2.840.113549.1.9.1';

/** Reads `Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value ANY }`. */
export function readName(block: Block | undefined, what: string): RdnSequence {
  if (!isUniversal(block, TAG.SEQUENCE)) throw new X509Error('ERR_X509_PARSE', `${what}: Name is not a SEQUENCE`);
  return childrenOf(block).map((rdn, i) => {
    if (!isUniversal(rdn, TAG.SET)) throw new X509Error('ERR_X509_PARSE', `${what}: RDN ${i} is not a SET`);
    return childrenOf(rdn).map((atv, j) => {
      const [type, value] = childrenOf(atv);
      const oid = oidOf(type);
      if (!isUniversal(atv, TAG.SEQUENCE) || oid === undefined || value === undefined) {
        throw new X509Error('ERR_X509_PARSE', `${what}: RDN ${i} attribute ${j} is not SEQUENCE { OID, value }`);
      }
      return { oid, text: decodeDirectoryString(value), valueDer: rawOf(value) };
    });
  });
}

/** Character-string value to text; undefined for anything else (RFC 4514 then uses `#hex`). */
function decodeDirectoryString(value: Block): string | undefined {
  if (value.idBlock.tagClass !== 1 || value.idBlock.isConstructed) return undefined;
  const bytes = contentOf(value);
  switch (value.idBlock.tagNumber) {
    case 12: // UTF8String
      return new TextDecoder('utf-8').decode(bytes);
    case 30: {
      // BMPString: UTF-16BE
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
      return out;
    }
    case 28: {
      // UniversalString: UTF-32BE
      let out = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) {
        const cp = (((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0;
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return out;
    }
    case 18: // NumericString
    case 19: // PrintableString
    case 20: // TeletexString (T61): read as ISO-8859-1, as most decoders do
    case 21: // VideotexString
    case 22: // IA5String
    case 25: // GraphicString
    case 26: // VisibleString
    case 27: // GeneralString
      return latin1Decode(bytes);
    default:
      return undefined;
  }
}

/**
 * CUCM style: `CN=..;OU=..;O=..;L=..;ST=..;C=..`, that fixed order whatever the DER order
 * [VERIFIED, format.md §4.3]. Several values of one attribute stay in DER order among themselves.
 *
 * [INFERRED, no CUCM sample has them] Other attributes follow the six, in DER order, as `E=` for
 * emailAddress and the dotted OID for anything else; values are written raw (no escaping), and
 * non-string values as `#` + hex of their DER.
 */
export function cucmNameString(rdns: RdnSequence): string {
  const flat = rdns.flat();
  const fixed: Array<[string, string]> = [
    [CN, 'CN'],
    [OU, 'OU'],
    [O, 'O'],
    [L, 'L'],
    [ST, 'ST'],
    [C, 'C'],
  ];
  const parts: string[] = [];
  for (const [oid, key] of fixed) {
    for (const a of flat) if (a.oid === oid) parts.push(`${key}=${rawValue(a)}`);
  }
  const known = new Set(fixed.map(([oid]) => oid));
  for (const a of flat) {
    if (known.has(a.oid)) continue;
    parts.push(`${a.oid === EMAIL ? 'E' : a.oid}=${rawValue(a)}`);
  }
  return parts.join(';');
}

function rawValue(a: NameAttribute): string {
  return a.text ?? `#${toHex(a.valueDer)}`;
}

/**
 * Short names used by python `cryptography`'s `NameAttribute.rfc4514_string()`, which certutils
 * calls (format.md §4.3); every other attribute is written with its dotted OID.
 */
const CRYPTOGRAPHY_NAMES: Record<string, string> = {
  [CN]: 'CN',
  [L]: 'L',
  [ST]: 'ST',
  [O]: 'O',
  [OU]: 'OU',
  [C]: 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

/**
 * certutils style (since `adf3789`): `','.join(attr.rfc4514_string() for attr in cert.subject)`,
 * i.e. every attribute, flattened in DER order, escaped as python `cryptography` escapes it.
 */
export function certutilsNameString(rdns: RdnSequence): string {
  return rdns
    .flat()
    .map((a) => {
      const key = CRYPTOGRAPHY_NAMES[a.oid] ?? a.oid;
      return `${key}=${a.text === undefined ? `#${toHex(a.valueDer)}` : escapeCryptography(a.text)}`;
    })
    .join(',');
}

/** python cryptography `_escape_dn_value` (x509/name.py, checked against cryptography 48.0). */
function escapeCryptography(value: string): string {
  if (value === '') return '';
  let v = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\+/g, '\\+')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/</g, '\\<')
    .replace(/>/g, '\\>')
    .replace(/\0/g, '\\00');
  if (v[0] === '#' || (v[0] === ' ' && v.length > 1)) v = `\\${v}`;
  if (v.endsWith(' ')) v = `${v.slice(0, -1)}\\ `;
  return v;
}

/** Names for the human-readable string (those OpenSSL prints with `-nameopt RFC2253`). */
const DISPLAY_NAMES: Record<string, string> = {
  [CN]: 'CN',
  [C]: 'C',
  [L]: 'L',
  [ST]: 'ST',
  [O]: 'O',
  [OU]: 'OU',
  '2.5.4.9': 'street',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  [EMAIL]: 'emailAddress',
  '2.5.4.5': 'serialNumber',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.12': 'title',
  '2.5.4.13': 'description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.41': 'name',
  '2.5.4.97': 'organizationIdentifier',
};

/**
 * RFC 4514 string for people: RDNs in reverse DER order joined by `,`, multi-valued RDNs joined
 * by `+`. For ASCII names this equals `openssl x509 -noout -subject -nameopt RFC2253`. Unknown
 * attribute types are written as dotted OID with `#` + hex of the value's DER (RFC 4514 §2.4).
 */
export function rfc4514NameString(rdns: RdnSequence): string {
  return [...rdns]
    .reverse()
    .map((rdn) =>
      rdn
        .map((a) => {
          const key = DISPLAY_NAMES[a.oid];
          if (key === undefined || a.text === undefined) return `${a.oid}=#${toHex(a.valueDer)}`;
          return `${key}=${escapeRfc4514(a.text)}`;
        })
        .join('+'),
    )
    .join(',');
}

function escapeRfc4514(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    const code = ch.charCodeAt(0);
    if (',+"\\<>;'.includes(ch)) out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).padStart(2, '0').toUpperCase()}`;
    else if ((i === 0 && (ch === '#' || ch === ' ')) || (i === value.length - 1 && ch === ' ')) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** Both trust-list styles of one Name. */
export function nameStrings(rdns: RdnSequence): NameStrings {
  return { cucm: cucmNameString(rdns), certutils: certutilsNameString(rdns) };
}
