/**
 * Property and mutation fuzzing with a fixed seed (the same properties as `npm run fuzz`, which runs
 * a million cases or more with a seed it prints). Invariants: test/hostile/lib/invariants.ts, i.e.
 * only ItlErrors with a code; accepted input re-encodes to the same bytes (directly and through the
 * JSON form); verification returns a result and never throws on decodable input; `valid` only for
 * bytes a signer signed; evaluateTrust with a list installed accepts only genuinely signed bytes.
 *
 * Cases: 4 000 random inputs, 90 mutants of every committed vector (~11 500), 4 000 JSON forms,
 * 1 500 mutated installed lists, 1 500 mutated verification keys: over 20 000 in all (the last
 * test checks the count).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { installedProperty, jsonProperty, mutationProperty, optionsProperty, randomBytesProperty, setup, type Stats } from './lib/properties.js';

const SEED = 20260201;
const s = setup();
const stats: Stats = new Map();
let cases = 0;

const sum = (prefix: string): number => [...stats].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

describe('fuzzing with a fixed seed', () => {
  it('random bytes (plain, behind a valid VERSION/HEADER_LENGTH prefix, and random element soups): 4 000 cases', async () => {
    await fc.assert(randomBytesProperty(s, stats), { seed: SEED, numRuns: 4000 });
    cases += 4000;
    expect(sum('random decoded') + sum('random tlv:')).toBeGreaterThan(200); // the soups reach verification
  }, 120_000);

  for (const dir of ['structural/', 'signed/', 'hostile/']) {
    const files = s.corpus.filter((f) => f.name.startsWith(dir));
    it(`mutations of every vector in vectors/${dir} (${files.length} files x 90): flips, inserts, deletes, truncation, length fields, duplicated and reordered elements and records, moved signatures`, async () => {
      expect(files.length).toBeGreaterThan(5);
      for (const [i, f] of files.entries()) {
        await fc.assert(mutationProperty(s, [f], stats), { seed: SEED + i, numRuns: 90 });
        cases += 90;
      }
    }, 180_000);
  }

  it('the JSON form: mutated forms of every decodable vector, as objects and as text, and arbitrary values: 4 000 cases', async () => {
    await fc.assert(jsonProperty(s, stats), { seed: SEED, numRuns: 4000 });
    cases += 4000;
    expect(sum('json refused')).toBeGreaterThan(500);
    expect(sum('json accepted')).toBeGreaterThan(200);
  }, 120_000);

  it('trust evaluation with a mutated list installed (as ITL or CTL) and a genuine or mutated candidate: 1 500 cases', async () => {
    await fc.assert(installedProperty(s, stats), { seed: SEED, numRuns: 1500 });
    cases += 1500;
    expect(sum('installed trust:true:signed-by-installed')).toBeGreaterThan(20);
  }, 120_000);

  it('verification with a mutated certificate or public key as the option: 1 500 cases', async () => {
    await fc.assert(optionsProperty(s, stats), { seed: SEED, numRuns: 1500 });
    cases += 1500;
    expect(sum('options certificate:VALID') + sum('options publicKey:VALID')).toBeGreaterThan(20);
  }, 120_000);

  it('ran at least 20 000 cases and reached every layer', () => {
    expect(cases).toBeGreaterThanOrEqual(20_000);
    expect(sum('mutant tlv:SIGNATURE_MISMATCH')).toBeGreaterThan(500); // mutants reach RSA
    expect(sum('mutant tlv:VALID') + sum('mutant sgn:VALID')).toBeGreaterThan(0); // and some stay genuine (reordered signature, untouched bytes)
    expect([...stats.keys()].some((k) => k.includes('trust:false'))).toBe(true); // and trust evaluation
    expect([...stats.keys()].some((k) => k.includes('trust:ERR_'))).toBe(true);
  });
});

afterAll(() => {
  if (process.env.ITL_FUZZ_STATS) console.log([...stats].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(7)}  ${k}`).join('\n'));
});
