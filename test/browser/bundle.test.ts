// The inspector's bundles (docs/inspector/*.js, built by `npm run build`, which `npm test` runs
// first): their min+gzip sizes stay within the size-limit budgets in package.json, and in CI the
// committed copies are the ones the current sources build (the page must work from a clone and
// from GitHub Pages without a build step).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CI = !!process.env.CI && process.env.CI !== 'false';

interface SizeResult {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

describe('inspector bundles', () => {
  it('are within their size-limit budgets (min+gzip)', () => {
    for (const f of ['app.js', 'analysis.js', 'x509.js']) {
      if (!existsSync(join(ROOT, 'docs/inspector', f))) throw new Error(`docs/inspector/${f} is missing: run npm run build`);
    }
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/size-limit/bin.js'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const text = run.stdout.trim();
    if (!text.startsWith('[')) throw new Error(`size-limit did not report: ${run.stdout}${run.stderr}`);
    const results: SizeResult[] = JSON.parse(text);
    const report = results.map((r) => `${r.passed ? 'ok  ' : 'OVER'} ${r.size} B of ${r.sizeLimit} B  ${r.name}`).join('\n');
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.every((r) => r.passed) ? 'all within budget' : report).toBe('all within budget');
  });

  (CI ? it : it.skip)('are committed as built from the current sources (CI only)', () => {
    const git = spawnSync('git', ['status', '--porcelain', '--', 'docs/inspector'], { cwd: ROOT, encoding: 'utf8' });
    if (git.status !== 0) return; // not a git checkout (e.g. an installed package): nothing to compare
    const changed = git.stdout.trim();
    expect(changed ? `docs/inspector differs from the commit after npm run build:\n${changed}\nRun npm run build and commit docs/inspector/.` : '').toBe('');
  });
});
