/** docs/cli.md and README's CLI section cannot fall behind the command table. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';

const cliDoc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The text of `## itl NAME` up to the next `## `. */
function section(name: string): string {
  const start = cliDoc.indexOf(`\n## itl ${name}\n`);
  if (start < 0) return '';
  const end = cliDoc.indexOf('\n## ', start + 1);
  return cliDoc.slice(start, end < 0 ? undefined : end);
}

describe('docs/cli.md', () => {
  it.each(COMMANDS.map((c) => c.name))('has a section for itl %s naming every option', (name) => {
    const c = COMMANDS.find((x) => x.name === name)!;
    const text = section(name);
    expect(text).not.toBe('');
    expect(cliDoc).toContain(`[\`${name}\`](#itl-${name})`);
    for (const [option, spec] of Object.entries(c.options)) {
      const named = text.includes(`--${option}`) || (spec.short !== undefined && text.includes(`-${spec.short} `));
      expect({ command: name, option, named }).toEqual({ command: name, option, named: true });
    }
  });

  it('states every exit status the CLI uses', () => {
    for (const s of ['`0`', '`1`', '`2`', '`3`', '`70`']) expect(cliDoc).toContain(s);
  });
});

describe("README's CLI section", () => {
  it('lists every command', () => {
    const cli = readme.slice(readme.indexOf('## The `itl` command'), readme.indexOf('## The library'));
    for (const c of COMMANDS) expect(cli).toMatch(new RegExp(`^itl ${c.name} `, 'm'));
    expect(cli).toContain('docs/cli.md');
    expect(cli).toContain('docs/migration.md');
  });
});
