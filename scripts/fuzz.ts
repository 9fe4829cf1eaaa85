/**
 * The long fuzz run: the properties of test/hostile/lib/properties.ts (random bytes, structure-aware
 * mutations of every vector with verification and trust evaluation, the JSON form, mutated trust
 * lists installed on the phone, mutated certificates and keys given to verify) for a million cases
 * or more. `npm test` runs the same properties with a fixed seed and ~20 000 cases.
 *
 *   npm run fuzz                                   1 000 000 cases, seed from the clock (printed)
 *   npm run fuzz -- --runs 5000000 --seed 1234     more cases, a given seed
 *   npm run fuzz -- --seed 1234 --only mutate --batch 17    replay one batch of one property
 *
 * Cases run in batches of --batch-size (default 20 000) per property; batch b of a property runs
 * with seed (seed + b). A failure prints the property, batch seed, fast-check path and the
 * counterexample, and saves the offending bytes to vectors/hostile/found/ so it can become a
 * regression vector (test/hostile/lib/regressions.ts; every file in found/ is also checked by
 * test/hostile/regressions.test.ts as it is).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { installedProperty, jsonProperty, mutationProperty, optionsProperty, randomBytesProperty, setup, type Stats } from '../test/hostile/lib/properties.js';
import { Violation } from '../test/hostile/lib/invariants.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 1_000_000);
const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
const batchSize = Number(arg('batch-size') ?? 20_000);
const only = arg('only');
const onlyBatch = arg('batch') === undefined ? undefined : Number(arg('batch'));

/** Share of the cases per property. */
const SHARES: Record<string, number> = { random: 0.15, mutate: 0.55, json: 0.15, installed: 0.1, options: 0.05 };

async function main(): Promise<void> {
  console.log(`itl-codec fuzz: seed ${seed}, ${runs} cases (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
  const t0 = Date.now();
  const s = setup();
  const stats: Stats = new Map();
  const props: Record<string, () => fc.IAsyncPropertyWithHooks<unknown[]>> = {
    random: () => randomBytesProperty(s, stats) as never,
    mutate: () => mutationProperty(s, s.corpus, stats) as never,
    json: () => jsonProperty(s, stats) as never,
    installed: () => installedProperty(s, stats) as never,
    options: () => optionsProperty(s, stats) as never,
  };
  let total = 0;
  let failures = 0;
  for (const [name, make] of Object.entries(props)) {
    if (only && only !== name) continue;
    const share = only ? runs : Math.round(runs * SHARES[name]!);
    const batches = Math.ceil(share / batchSize);
    for (let b = 0; b < batches; b++) {
      if (onlyBatch !== undefined && b !== onlyBatch) continue;
      const numRuns = Math.min(batchSize, share - b * batchSize);
      const r = await fc.check(make(), { seed: seed + b, numRuns, endOnFailure: false });
      total += r.numRuns;
      if (r.failed) {
        failures++;
        report(name, seed + b, b, r);
      }
      const secs = (Date.now() - t0) / 1000;
      process.stdout.write(`  ${name} batch ${b + 1}/${batches}: ${total} cases, ${secs.toFixed(0)} s, ${failures} failure(s)\n`);
    }
  }
  const secs = (Date.now() - t0) / 1000;
  console.log(`\n${total} cases in ${secs.toFixed(1)} s (${Math.round(total / secs)}/s), seed ${seed}, ${failures} failure(s)`);
  const top = [...stats].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [label, n] of top) console.log(`  ${String(n).padStart(9)}  ${label}`);
  process.exit(failures ? 1 : 0);
}

function report(name: string, batchSeed: number, batch: number, r: fc.RunDetails<unknown[]>): void {
  const e = r.errorInstance;
  console.log(`\nFAILURE in ${name}, batch ${batch} (batch seed ${batchSeed}, path ${r.counterexamplePath ?? '-'})`);
  console.log(`  replay: npm run fuzz -- --seed ${seed} --only ${name} --batch ${batch} --batch-size ${batchSize}`);
  console.log(`  ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof Violation) {
    const sha = createHash('sha256').update(e.bytes).digest('hex').slice(0, 12);
    const dir = join(ROOT, 'vectors/hostile/found');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${e.kind}-${sha}.bin`);
    writeFileSync(file, e.bytes);
    writeFileSync(`${file}.json`, `${JSON.stringify({ property: name, seed, batch, batchSeed, path: r.counterexamplePath, violation: e.message }, null, 2)}\n`);
    console.log(`  saved ${e.bytes.length} bytes to ${file}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
