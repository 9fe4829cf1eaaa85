/**
 * The invariants every input must satisfy, whatever its bytes (issue: "safe to point at any file
 * from any TFTP server"):
 *  1. decoding (strict, lenient, as a .sgn) either succeeds or throws an ItlError with an ERR_ code
 *     and an offset inside the input; never another exception;
 *  2. accepted input re-encodes to the same bytes, directly and through the JSON form;
 *  3. strict success implies lenient success without warnings, and a readable header;
 *  4. verification returns a well-formed result and never throws on decodable input;
 *  5. `valid` only when the bytes, minus the SIGNATURE element, are a message a signer really
 *     signed with that signature (see corpus.ts isGenuineMessage);
 *  6. evaluateTrust with a (non-blank) trust list installed accepts only through a signature of an
 *     installed record over a genuine message, and throws only ItlErrors, only for undecodable input;
 *  7. `viewTrustList` accepts exactly what strict decoding accepts (its scan too, so its fallback
 *     never runs), throws the same error otherwise, and its header and records are the decoded ones;
 *     the header facts verification scans from the bytes are those of the decoded header.
 */
import {
  decodeSignedFile,
  decodeTrustList,
  encodeSignedFile,
  encodeTrustList,
  evaluateTrust,
  fromJSON,
  ItlError,
  toJSON,
  verifySignedFile,
  viewTrustList,
  verifyTrustList,
  type TrustList,
  type VerifyResult,
} from '../../../src/index.js';
import { scanTrustList } from '../../../src/codec/scan.js';
import { factsOfHeader, scanHeaderFacts } from '../../../src/crypto/header-facts.js';
import { isGenuineMessage } from './corpus.js';

export class Violation extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly bytes: Uint8Array,
    options?: { cause?: unknown },
  ) {
    super(`${kind}: ${message}`, options);
    this.name = 'Violation';
  }
}

export interface CheckContext {
  /** Genuine signed messages (corpus.ts signedMessages). */
  messages: ReadonlySet<string>;
  /** Certificates (DER) to verify `.sgn`-shaped input with. */
  certificates: readonly Uint8Array[];
  /** Non-blank trust lists a phone may hold, for evaluateTrust. */
  installed: readonly TrustList[];
}

export interface CheckOptions {
  /** Run verification (RSA). Default true. */
  verify?: boolean;
  /** Run evaluateTrust with installed[evaluateWith % installed.length]; undefined: skip. */
  evaluateWith?: number;
  /** Install it as a CTL instead of an ITL. */
  asCtl?: boolean;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A decoded model as one string: every field, element and offset, bytes in hex. */
function modelKey(list: TrustList): string {
  return JSON.stringify({ kind: list.kind, header: list.header, records: list.records }, (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}

function errorKey(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof ItlError ? `${e.code} at ${String(e.offset)} (${String(e.path)}): ${e.message}` : String(e);
  }
}

/** Invariant 7: the view and the strict decoder agree, on acceptance, errors and content. */
function checkView(input: Uint8Array, strict: TrustList | undefined, bytes: Uint8Array): void {
  if ((scanTrustList(input) !== undefined) !== (strict !== undefined)) {
    throw new Violation('view-scan', `the scan ${strict ? 'refused' : 'accepted'} bytes strict decoding ${strict ? 'accepts' : 'refuses'}`, bytes);
  }
  if (!strict) {
    const a = errorKey(() => viewTrustList(input));
    const b = errorKey(() => decodeTrustList(input));
    if (a !== b) throw new Violation('view-error', `viewTrustList threw ${a}, decodeTrustList ${b}`, bytes);
    return;
  }
  const view = mustNotThrow(() => viewTrustList(input), 'viewTrustList', bytes);
  if (modelKey(view) !== modelKey(strict)) throw new Violation('view-model', 'the view decodes to another model than decodeTrustList', bytes);
  // What verification reads from the header bytes is what the decoded header says.
  const facts = (f: unknown) => JSON.stringify(f, (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  const scanned = scanHeaderFacts(input, view.headerLength);
  const decoded = factsOfHeader(strict.header);
  if (facts({ ...scanned, issuer: scanned.issuerName() }) !== facts({ ...decoded, issuer: decoded.issuerName() })) throw new Violation('header-facts', 'the header scan and the decoded header disagree', bytes);
}

/** The error must be an ItlError with a code and an offset inside the input; returns the code. */
function itlCode(e: unknown, where: string, bytes: Uint8Array): string {
  if (!(e instanceof ItlError)) throw new Violation('foreign-exception', `${where} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, bytes, { cause: e });
  if (typeof e.code !== 'string' || !/^ERR_[A-Z_]+$/.test(e.code)) throw new Violation('bad-code', `${where} threw an ItlError without a code`, bytes, { cause: e });
  if (e.offset !== undefined && !(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= bytes.length)) {
    throw new Violation('bad-offset', `${where}: ${e.code} at offset ${e.offset} of ${bytes.length} bytes`, bytes, { cause: e });
  }
  return e.code;
}

function attempt<T>(f: () => T, where: string, bytes: Uint8Array): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof Violation) throw e;
    itlCode(e, where, bytes);
    return undefined;
  }
}

function mustNotThrow<T>(f: () => T, where: string, bytes: Uint8Array): T {
  try {
    return f();
  } catch (e) {
    throw new Violation('threw-on-decodable', `${where} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, bytes, { cause: e });
  }
}

async function mustNotReject<T>(f: () => Promise<T>, where: string, bytes: Uint8Array): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new Violation('threw-on-decodable', `${where} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, bytes, { cause: e });
  }
}

function checkResult(r: VerifyResult, where: string, bytes: Uint8Array, ctx: CheckContext): string {
  if (typeof r !== 'object' || r === null || typeof r.valid !== 'boolean' || typeof r.message !== 'string') throw new Violation('bad-result', `${where} returned ${JSON.stringify(r)}`, bytes);
  if (!r.valid) {
    if (typeof r.reason !== 'string') throw new Violation('bad-result', `${where}: invalid without a reason`, bytes);
    return r.reason;
  }
  if (r.reason !== undefined || !r.signature) throw new Violation('bad-result', `${where}: valid with a reason or without a signature span`, bytes);
  if (!isGenuineMessage(bytes, r.signature, ctx.messages)) throw new Violation('false-valid', `${where} said valid (${r.message}) for bytes no signer signed`, bytes);
  return 'VALID';
}

/** Check every invariant on `bytes`; returns a label of what happened (for statistics). Throws a Violation. */
export async function checkBytes(bytes: Uint8Array, ctx: CheckContext, options: CheckOptions = {}): Promise<string> {
  const input = bytes.slice(); // the library must not modify its input either
  const strict = attempt(() => decodeTrustList(input), 'decodeTrustList', bytes);
  const lenient = attempt(() => decodeTrustList(input, { lenient: true }), 'decodeTrustList(lenient)', bytes);
  const sgn = attempt(() => decodeSignedFile(input), 'decodeSignedFile', bytes);
  checkView(input, strict, bytes);
  if (!equal(input, bytes)) throw new Violation('input-modified', 'a decoder changed its input', bytes);

  if (strict) {
    const re = mustNotThrow(() => encodeTrustList(strict), 'encodeTrustList(decoded)', bytes);
    if (!equal(re, bytes)) throw new Violation('roundtrip', 'encode(decode(b)) !== b', bytes);
    const json = mustNotThrow(() => JSON.stringify(toJSON(strict)), 'toJSON(decoded)', bytes);
    const back = mustNotThrow(() => encodeTrustList(fromJSON(json)), 'fromJSON(toJSON(decoded))', bytes);
    if (!equal(back, bytes)) throw new Violation('json-roundtrip', 'encode(fromJSON(toJSON(decode(b)))) !== b', bytes);
    if (!lenient || (lenient.warnings?.length ?? 0) > 0 || lenient.trailing) throw new Violation('lenient', 'strict decoding succeeded but lenient decoding did not, or warned', bytes);
    if (!sgn) throw new Violation('sgn', 'the trust list decoded but its header did not', bytes);
  }
  if (lenient) {
    const re = mustNotThrow(() => encodeTrustList(lenient), 'encodeTrustList(lenient)', bytes);
    if (!equal(re, bytes)) throw new Violation('roundtrip-lenient', 'encode(decode(b, lenient)) !== b', bytes);
    const json = mustNotThrow(() => JSON.stringify(toJSON(lenient)), 'toJSON(lenient)', bytes);
    const back = mustNotThrow(() => encodeTrustList(fromJSON(json)), 'fromJSON(toJSON(lenient))', bytes);
    if (!equal(back, bytes)) throw new Violation('json-roundtrip-lenient', 'the JSON form of a lenient decode does not give the bytes back', bytes);
  }
  if (sgn) {
    const re = mustNotThrow(() => encodeSignedFile(sgn), 'encodeSignedFile(decoded)', bytes);
    if (!equal(re, bytes)) throw new Violation('roundtrip-sgn', 'encodeSignedFile(decodeSignedFile(b)) !== b', bytes);
  }

  let label = strict ? 'decoded' : sgn ? 'header-only' : 'refused';
  if (options.verify !== false) {
    if (strict) label = `tlv:${checkResult(await mustNotReject(() => verifyTrustList(input), 'verifyTrustList', bytes), 'verifyTrustList', bytes, ctx)}`;
    if (sgn) {
      for (const certificate of ctx.certificates) {
        const r = await mustNotReject(() => verifySignedFile(input, { certificate }), 'verifySignedFile', bytes);
        const l = checkResult(r, 'verifySignedFile', bytes, ctx);
        if (!strict) label = `sgn:${l}`;
      }
    }
  }
  if (options.evaluateWith !== undefined && ctx.installed.length > 0) {
    const installed = ctx.installed[options.evaluateWith % ctx.installed.length]!;
    let decision;
    try {
      decision = await evaluateTrust({ installed: options.asCtl ? { ctl: installed } : { itl: installed }, candidate: input });
    } catch (e) {
      const code = itlCode(e, 'evaluateTrust', bytes);
      if (strict) throw new Violation('threw-on-decodable', `evaluateTrust threw ${code} on a decodable trust list`, bytes, { cause: e });
      return `${label} trust:${code}`;
    }
    if (decision.accepted === true) {
      if (decision.rule !== 'signed-by-installed') throw new Violation('false-accept', `evaluateTrust accepted by rule ${decision.rule} with a non-blank list installed`, bytes);
      if (!decision.signature?.valid || !decision.signature.signature) throw new Violation('false-accept', 'accepted without a valid signature', bytes);
      if (!isGenuineMessage(bytes, decision.signature.signature, ctx.messages)) throw new Violation('false-accept', `evaluateTrust accepted bytes no signer signed (${decision.explanation})`, bytes);
    }
    label += ` trust:${String(decision.accepted)}`;
  }
  return label;
}
