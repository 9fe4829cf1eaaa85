/**
 * The fuzzing properties, shared by the fixed-seed run in `npm test` (test/hostile/fuzz.test.ts)
 * and the long run (`npm run fuzz`, scripts/fuzz.ts). Each property checks lib/invariants.ts on
 * generated input and counts what happened in `stats`.
 */
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { decodeTrustList, encodeTrustList, evaluateTrust, fromJSON, isBlankItl, ItlError, toJSON, verifySignedFile, verifyTrustList } from '../../../src/index.js';
import { allVectors, genuineFiles, isGenuineMessage, readRoot, signedMessages, type CorpusFile, type GenuineFile } from './corpus.js';
import { checkBytes, Violation, type CheckContext } from './invariants.js';
import { applyAll, mutationsArb, randomInputArb } from './mutate.js';
import { concat } from './tlv.js';

export interface FuzzSetup {
  corpus: CorpusFile[];
  genuine: GenuineFile[];
  ctx: CheckContext;
  /** Raw bytes of the corpus, for splicing. */
  others: Uint8Array[];
  /** JSON forms of every decodable corpus file. */
  jsonForms: { name: string; json: unknown }[];
}

export function setup(): FuzzSetup {
  const corpus = allVectors();
  const genuine = genuineFiles();
  const installed = genuine.filter((g) => g.list && !isBlankItl(g.list)).map((g) => g.list!);
  const ctx: CheckContext = {
    messages: signedMessages(corpus),
    // Every .sgn in the corpus is signed by rsa1024-a; rsa2048-a signs most trust lists.
    certificates: [readRoot('vectors/keys/rsa1024-a.cert.der'), readRoot('vectors/keys/rsa2048-a.cert.der')],
    installed,
  };
  const jsonForms: FuzzSetup['jsonForms'] = [];
  for (const f of corpus) {
    try {
      jsonForms.push({ name: f.name, json: toJSON(decodeTrustList(f.bytes, { lenient: true })) });
    } catch {
      // not decodable even leniently: no JSON form
    }
  }
  return { corpus, genuine, ctx, others: corpus.map((c) => c.bytes), jsonForms };
}

export type Stats = Map<string, number>;
const count = (stats: Stats | undefined, label: string) => stats?.set(label, (stats.get(label) ?? 0) + 1);

/** Keep the failing input on the Violation so runners can save it. */
async function guarded(bytes: Uint8Array, f: () => Promise<string>): Promise<string> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof Violation) throw e;
    throw new Violation('harness', e instanceof Error ? e.stack ?? e.message : String(e), bytes, { cause: e });
  }
}

/** Random bytes (three shapes, mutate.ts randomInputArb). */
export function randomBytesProperty(s: FuzzSetup, stats?: Stats) {
  return fc.asyncProperty(randomInputArb, fc.nat(), async (bytes, n) => {
    const label = await guarded(bytes, () => checkBytes(bytes, s.ctx, n % 8 === 0 ? { evaluateWith: n } : {}));
    count(stats, `random ${label}`);
  });
}

/** Mutations of the given files (all of the corpus by default). */
export function mutationProperty(s: FuzzSetup, files: readonly CorpusFile[] = s.corpus, stats?: Stats, evaluateEvery = 6) {
  return fc.asyncProperty(fc.nat(), mutationsArb, fc.nat(), async (index, ms, n) => {
    const f = files[index % files.length]!;
    const bytes = applyAll(f.bytes, ms, s.others);
    const evaluate = n % evaluateEvery === 0 ? { evaluateWith: n >> 3, asCtl: n % 2 === 1 } : {};
    const label = await guarded(bytes, () => checkBytes(bytes, s.ctx, evaluate));
    count(stats, `mutant ${label}`);
  });
}

// ---- the JSON form ---------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface JsonEdit {
  at: number;
  action: 'replace' | 'delete' | 'tag' | 'deep' | 'hex' | 'dup' | 'swap' | 'number' | 'string';
  value: Json;
  n: number;
}

const jsonEditArb: fc.Arbitrary<JsonEdit> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('replace', 'delete', 'tag', 'deep', 'hex', 'dup', 'swap', 'number', 'string'),
  value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  n: fc.nat(),
});

/** Every (container, key) slot of a JSON tree, depth first. */
function slots(doc: Json): { parent: Json[] | Record<string, Json>; key: string | number }[] {
  const out: { parent: Json[] | Record<string, Json>; key: string | number }[] = [];
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), visit(x)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push({ parent: v, key: k }), visit(v[k]!);
  };
  visit(doc);
  return out;
}

const SPECIAL_NUMBERS = [0, -1, 1, 255, 256, 65535, 65536, 2 ** 32, 2 ** 53, -0, 0.5, 1e308, Number.MAX_SAFE_INTEGER];
const SPECIAL_STRINGS = ['', '\0', 'toString', '__proto__', 'constructor', 'sha1', 'sha999', 'SAST', 'ROLE_70000', '1.2', '256.1', '0.0.0.0', '1.2.3', 'zz', 'abc', '\ud800', 'a\0b'];

export function applyJsonEdits(doc: Json, edits: readonly JsonEdit[]): Json {
  let root = doc;
  for (const e of edits) {
    const all = slots(root);
    if (all.length === 0) {
      root = e.value;
      continue;
    }
    const { parent, key } = all[e.at % all.length]!;
    const get = () => (parent as Record<string | number, Json>)[key]!;
    const put = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
    switch (e.action) {
      case 'replace':
        put(e.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'tag':
        if (get() && typeof get() === 'object' && !Array.isArray(get())) (get() as Record<string, Json>).tag = [3, 7, 9, 12, 13, 1, 2, 256, -1, 1.5][e.n % 10]!;
        else put(e.n % 300);
        break;
      case 'deep': {
        // Nest containers deeper than the format allows (refused at depth 3, not recursed into).
        let v: Json = { tag: 12, hex: '00' };
        for (let i = 0; i < 2 + (e.n % 40); i++) v = { tag: [3, 7, 9][i % 3]!, children: [v] };
        put(v);
        break;
      }
      case 'hex':
        put(e.n % 2 ? 'ab'.repeat(0xffff + (e.n % 3)) : `${'0'.repeat(e.n % 7)}g`);
        break;
      case 'dup':
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(get()));
        break;
      case 'swap':
        if (Array.isArray(parent) && parent.length > 1) {
          const j = e.n % parent.length;
          [parent[key as number], parent[j]] = [parent[j]!, parent[key as number]!];
        }
        break;
      case 'number':
        put(SPECIAL_NUMBERS[e.n % SPECIAL_NUMBERS.length]!);
        break;
      case 'string':
        put(SPECIAL_STRINGS[e.n % SPECIAL_STRINGS.length]!);
        break;
    }
  }
  return root;
}

/** Mutated JSON forms (as objects and as text) and arbitrary JSON values. */
export function jsonInputArb(s: FuzzSetup): fc.Arbitrary<unknown> {
  const mutated = fc.tuple(fc.nat(), fc.array(jsonEditArb, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([i, edits, asText]) => {
    const form = s.jsonForms[i % s.jsonForms.length]!;
    const doc = applyJsonEdits(structuredClone(form.json) as Json, edits);
    return asText ? JSON.stringify(doc) : doc;
  });
  const arbitrary = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.string(), fc.anything({ maxDepth: 3 }));
  return fc.oneof({ arbitrary: mutated, weight: 6 }, { arbitrary, weight: 1 });
}

/**
 * fromJSON throws only ERR_JSON; what it returns encodes or throws an ItlError (and verifying the
 * model then throws the same kind of error); what encodes satisfies every byte invariant.
 */
export async function checkJsonInput(s: FuzzSetup, input: unknown, stats?: Stats): Promise<void> {
  let model;
  try {
    model = fromJSON(input);
  } catch (e) {
    if (!(e instanceof ItlError) || e.code !== 'ERR_JSON') throw new Violation('json-foreign', `fromJSON threw ${e instanceof ItlError ? e.code : String(e)}`, new TextEncoder().encode(safeText(input)), { cause: e });
    count(stats, 'json refused ERR_JSON');
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = encodeTrustList(model);
  } catch (e) {
    if (!(e instanceof ItlError)) throw new Violation('json-encode-foreign', `encodeTrustList(fromJSON(x)) threw ${String(e)}`, new TextEncoder().encode(safeText(input)), { cause: e });
    try {
      await verifyTrustList(model);
    } catch (v) {
      if (!(v instanceof ItlError)) throw new Violation('json-verify-foreign', `verifyTrustList(model) threw ${String(v)}`, new TextEncoder().encode(safeText(input)), { cause: v });
    }
    count(stats, `json encode-refused ${e.code}`);
    return;
  }
  const label = await guarded(bytes, () => checkBytes(bytes, s.ctx, { verify: false }));
  count(stats, `json accepted ${label}`);
}

export function jsonProperty(s: FuzzSetup, stats?: Stats) {
  return fc.asyncProperty(jsonInputArb(s), (input) => checkJsonInput(s, input, stats));
}

function safeText(v: unknown): string {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// ---- hostile trust lists installed, hostile verification options ----------------------------------

/**
 * evaluateTrust with a MUTATED list installed (a phone may hold a damaged or odd list) and a
 * genuine or mutated candidate: only ItlErrors, and an acceptance only through the installed list
 * (a signature over genuinely signed bytes) or because the installed list is blank.
 */
export function installedProperty(s: FuzzSetup, stats?: Stats) {
  const itls = s.genuine.filter((g) => g.format === 'tlv');
  return fc.asyncProperty(fc.nat(), mutationsArb, fc.nat(), fc.option(mutationsArb, { nil: undefined }), fc.boolean(), async (i, ms, j, candidateMs, asCtl) => {
    const installedBytes = applyAll(itls[i % itls.length]!.bytes, ms, s.others);
    let installed;
    try {
      installed = decodeTrustList(installedBytes, { lenient: true });
    } catch (e) {
      if (!(e instanceof ItlError)) throw new Violation('foreign-exception', `decodeTrustList(lenient) threw ${String(e)}`, installedBytes, { cause: e });
      count(stats, 'installed undecodable');
      return;
    }
    const g = s.genuine[j % s.genuine.length]!;
    const candidate = candidateMs ? applyAll(g.bytes, candidateMs, s.others) : g.bytes;
    const kind = g.format === 'sgn' ? { kind: 'config' as const } : {};
    let decision;
    try {
      decision = await evaluateTrust({ installed: asCtl ? { ctl: installed } : { itl: installed }, candidate, ...kind });
    } catch (e) {
      if (!(e instanceof ItlError)) throw new Violation('foreign-exception', `evaluateTrust with a mutated installed list threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, candidate, { cause: e });
      count(stats, `installed trust:${e.code}`);
      return;
    }
    if (decision.accepted === true) {
      if (decision.rule === 'blank-itl') {
        if (!isBlankItl(installed)) throw new Violation('false-accept', 'blank-itl rule with a list that is not blank', candidate);
      } else if (decision.rule !== 'signed-by-installed' || !decision.signature?.signature || !isGenuineMessage(candidate, decision.signature.signature, s.ctx.messages)) {
        throw new Violation('false-accept', `accepted by ${decision.rule} without a genuine signature`, candidate);
      }
    }
    count(stats, `installed trust:${String(decision.accepted)}:${decision.rule}`);
  });
}

/** Verification with a mutated certificate or public key given as an option: a result, never an exception. */
export function optionsProperty(s: FuzzSetup, stats?: Stats) {
  const keys = ['rsa1024-a', 'rsa2048-a', 'rsa4096-a', 'ec384-a', 'leaf-a'].flatMap((k) => [
    { kind: 'certificate' as const, bytes: readRoot(`vectors/keys/${k}.cert.der`) },
    { kind: 'publicKey' as const, bytes: spkiOf(readRoot(`vectors/keys/${k}.cert.der`)) },
  ]);
  return fc.asyncProperty(fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('flip', 'cut', 'insert')), { minLength: 0, maxLength: 3 }), async (i, j, edits) => {
    const k = keys[i % keys.length]!;
    let key: Uint8Array = k.bytes.slice();
    for (const [a, b, op] of edits) {
      if (key.length === 0) break;
      if (op === 'flip') key[a % key.length]! ^= 1 << (b % 8);
      else if (op === 'cut') key = key.slice(0, a % key.length);
      else key = concat(key.subarray(0, a % key.length), Uint8Array.of(b & 0xff), key.subarray(a % key.length));
    }
    const g = s.genuine[j % s.genuine.length]!;
    const options = k.kind === 'certificate' ? { certificate: key } : { publicKey: key };
    let r;
    try {
      r = g.format === 'tlv' ? await verifyTrustList(g.bytes, options) : await verifySignedFile(g.bytes, options);
    } catch (e) {
      throw new Violation('threw-on-decodable', `verify with a mutated ${k.kind} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, key, { cause: e });
    }
    if (r.valid && (!r.signature || !isGenuineMessage(g.bytes, r.signature, s.ctx.messages))) throw new Violation('false-valid', 'valid over bytes no signer signed', g.bytes);
    count(stats, `options ${k.kind}:${r.valid ? 'VALID' : r.reason}`);
  });
}

function spkiOf(der: Uint8Array): Uint8Array {
  return new Uint8Array(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }));
}

