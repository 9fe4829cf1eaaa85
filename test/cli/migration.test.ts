/**
 * docs/migration.md is a test: every `$ itl ...` line of its ```sh blocks runs through main() in a
 * fresh directory holding a copy of vectors/keys as keys/, in document order (later commands use
 * the files earlier ones wrote). Each must exit with the status its `# exit N` comment gives (0
 * without one) and print the output lines shown under it, in order; a shown line ending in `...`
 * matches an output line starting with the rest, and a line `...` alone stands for lines left out.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';
import { runCli } from './run.js';

const DOC = join(ROOT, 'docs', 'migration.md');

export interface DocCommand {
  /** 1-based line of the `$ itl` line in the doc. */
  line: number;
  text: string;
  argv: string[];
  exit: number;
  output: string[];
}

/** Split a shell command line: whitespace-separated words, '...' and "..." quoting, \x escapes, # comments. */
export function shellWords(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const push = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      push();
      i++;
    } else if (c === '#' && word === undefined) {
      return { words, comment: line.slice(i + 1).trim() };
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        s += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unclosed " in: ${line}`);
      word = (word ?? '') + s;
      i = j + 1;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  push();
  return { words, comment: '' };
}

/** The `$ itl` commands of the ```sh blocks, with their expected exit status and output. */
export function docCommands(markdown: string): DocCommand[] {
  const lines = markdown.split('\n');
  const out: DocCommand[] = [];
  let inSh = false;
  let current: DocCommand | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^```/.test(raw)) {
      inSh = !inSh && /^```sh\s*$/.test(raw);
      current = undefined;
      continue;
    }
    if (!inSh) continue;
    if (raw.startsWith('$ ')) {
      current = undefined;
      if (!raw.startsWith('$ itl ')) continue;
      const start = i;
      let text = raw.slice(2);
      while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i]!.trim();
      const { words, comment } = shellWords(text);
      const exit = /^exit (\d+)$/.exec(comment);
      if (comment !== '' && !exit) throw new Error(`docs/migration.md:${start + 1}: a comment must be "# exit N", got "# ${comment}"`);
      current = { line: start + 1, text, argv: words.slice(1), exit: exit ? Number(exit[1]) : 0, output: [] };
      out.push(current);
    } else if (current) current.output.push(raw);
  }
  return out;
}

/** Where the shown output lines fail to match, or undefined. */
export function outputMismatch(shown: string[], actual: string): string | undefined {
  const lines = actual.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const want of shown.map((l) => l.trimEnd())) {
    if (want === '' || want === '...') continue;
    const prefix = want.endsWith('...') ? want.slice(0, -3) : undefined;
    const found = lines.findIndex((l, j) => j >= at && (prefix !== undefined ? l.startsWith(prefix) : l === want));
    if (found < 0) return `expected ${JSON.stringify(want)} after output line ${at}`;
    at = found + 1;
  }
  return undefined;
}

const markdown = readFileSync(DOC, 'utf8');
const commands = docCommands(markdown);
const dir = mkdtempSync(join(tmpdir(), 'itl-migration-'));
cpSync(join(ROOT, 'vectors', 'keys'), join(dir, 'keys'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/migration.md', () => {
  it('walks through inspect, trust, rollback and trust again, with a failing and a needs-TVS step', () => {
    expect(commands.length).toBeGreaterThanOrEqual(12);
    const verbs = commands.map((c) => c.argv[0]);
    for (const v of ['build', 'inspect', 'trust', 'verify', 'rollback', 'diff', 'lint', 'resign']) expect(verbs).toContain(v);
    expect(commands.some((c) => c.argv[0] === 'trust' && c.exit === 3)).toBe(true);
    expect(commands.some((c) => c.exit === 1)).toBe(true);
    // The rollback is proven: a trust step accepting it, then one accepting cluster B with it installed.
    const rb = commands.findIndex((c) => c.argv[0] === 'rollback');
    const after = commands.slice(rb + 1).filter((c) => c.argv[0] === 'trust' && c.exit === 0);
    expect(after.map((c) => c.argv.slice(1, 3).join(' '))).toEqual(expect.arrayContaining(['--installed cluster-a.tlv', '--installed ITLFile.tlv']));
    // Only cluster A and B test keys.
    const keys = commands.flatMap((c) => c.argv.filter((a) => a.startsWith('keys/')));
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(k).toMatch(/^keys\/[a-z0-9]+-[ab]\./);
  });

  // In document order: each step reads the files the steps before it wrote.
  it.each(commands.map((c) => [`line ${c.line}: itl ${c.argv.join(' ').slice(0, 90)}`, c] as const))('%s', async (_, c) => {
    const r = await runCli(c.argv, { cwd: dir });
    const actual = r.stdout + r.stderr;
    expect({ exit: r.code, mismatch: outputMismatch(c.output, actual), ...(r.code !== c.exit && { stderr: r.stderr }) }).toEqual({ exit: c.exit, mismatch: undefined });
  });
});

describe('the doc runner itself', () => {
  it('splits words, quotes, escapes and comments like a shell', () => {
    expect(shellWords(`itl a 'b c' "d \\"e\\"" f\\ g # exit 3`)).toEqual({ words: ['itl', 'a', 'b c', 'd "e"', 'f g'], comment: 'exit 3' });
    expect(shellWords('itl x,dns=a#b')).toEqual({ words: ['itl', 'x,dns=a#b'], comment: '' });
  });

  it('joins continuation lines, runs only $ itl lines of sh blocks, and collects output', () => {
    const md = ['```sh', '$ mkdir x', 'ignored', '$ itl a \\', '    b   # exit 1', 'out 1', '...', '```', '```text', '$ itl not-run', '```'].join('\n');
    expect(docCommands(md)).toEqual([{ line: 4, text: 'itl a  b   # exit 1', argv: ['a', 'b'], exit: 1, output: ['out 1', '...'] }]);
    expect(() => docCommands('```sh\n$ itl a # exits 1\n```')).toThrow(/# exit N/);
  });

  it('matches shown output in order, with ... for left-out text', () => {
    expect(outputMismatch(['A', '...', 'C...'], 'A\nB\nCDE\n')).toBeUndefined();
    expect(outputMismatch(['C', 'A'], 'A\nB\nC\n')).toMatch(/expected "A"/);
    expect(outputMismatch(['B'], 'A\nBB\n')).toMatch(/expected "B"/);
  });
});
