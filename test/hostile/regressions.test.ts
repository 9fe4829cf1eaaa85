/**
 * Every hostile vector (bypass cases and regressions, vectors/hostile/) and every input the long
 * fuzz run saved (vectors/hostile/found/, present only after a failure, before it is promoted to a
 * regression in test/hostile/lib/regressions.ts) satisfies all the fuzzing invariants
 * (lib/invariants.ts), including trust evaluation against every genuine list installed.
 * The exact outcome of each manifest entry is checked in bypass.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkBytes } from './lib/invariants.js';
import { setup } from './lib/properties.js';
import { VECTORS } from './lib/corpus.js';

const s = setup();
const FOUND = join(VECTORS, 'hostile/found');

describe('hostile vectors satisfy every invariant', () => {
  const files = s.corpus.filter((f) => f.name.startsWith('hostile/'));
  it(`${files.length} files in vectors/hostile, each evaluated against ${s.ctx.installed.length} installed lists as ITL and as CTL`, async () => {
    for (const f of files) {
      for (let i = 0; i < s.ctx.installed.length; i++) {
        await checkBytes(f.bytes, s.ctx, { evaluateWith: i, asCtl: i % 2 === 1, verify: i === 0 });
      }
    }
    expect(files.length).toBeGreaterThan(50);
  }, 60_000);

  const found = existsSync(FOUND) ? readdirSync(FOUND).filter((f) => f.endsWith('.bin')) : [];
  it(`${found.length} inputs saved by npm run fuzz (vectors/hostile/found/)`, async () => {
    for (const name of found) await checkBytes(new Uint8Array(readFileSync(join(FOUND, name))), s.ctx, { evaluateWith: 0 });
  }, 60_000);
});
