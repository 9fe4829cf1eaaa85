/**
 * Measurement helpers over tinybench: batched tasks (so sub-microsecond operations are not
 * swamped by timer overhead), paired subject/baseline tasks run back to back, several rounds,
 * medians, and the result table.
 */
import { Bench } from 'tinybench';

/** Every measured function returns a number folded in here; printed at the end so no call is dead code. */
let sink = 0;
export const consume = (n: number): void => {
  sink = (sink * 31 + n) | 0;
};
export const checksum = (): number => sink;

export type Op = () => number | Promise<number>;

/** How a ratio is judged: `time` = our time / baseline time (at most `target`), `rate` = our ops/s / baseline ops/s (at least `target`). */
export type Goal = { kind: 'time' | 'rate'; target: number } | { kind: 'info' };

export interface Pair {
  name: string;
  /** What `ops/s` counts (ops, files, runs). */
  unit?: string;
  subject: Op;
  baselineName?: string;
  baseline?: Op;
  goal: Goal;
}

export interface Row {
  name: string;
  unit: string;
  ops: number;
  baselineName?: string;
  baselineOps?: number;
  goal: Goal;
  /** Median over rounds of the per-round ratio (time or rate, as the goal says; time for info rows). */
  ratio?: number;
  extra?: string;
}

/** Calls per batch so that one batch takes about `targetMs`. */
async function calibrate(op: Op, targetMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) consume(await op());
    const dt = performance.now() - t0;
    if (dt >= targetMs || n >= 1 << 20) return Math.max(1, Math.round((n * targetMs) / Math.max(dt, 1e-3)));
    n *= dt < targetMs / 10 ? 10 : 2;
  }
}

function batch(op: Op, n: number, isAsync: boolean): () => unknown {
  if (!isAsync) {
    const sync = op as () => number;
    return () => {
      let s = 0;
      for (let i = 0; i < n; i++) s = (s + sync()) | 0;
      consume(s);
    };
  }
  return async () => {
    let s = 0;
    for (let i = 0; i < n; i++) s = (s + (await op())) | 0;
    consume(s);
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface RunOptions {
  rounds: number;
  /** tinybench time budget per task and round, ms. */
  timeMs: number;
  warmupMs: number;
  /** Target duration of one batch, ms. */
  batchMs: number;
  log?: (line: string) => void;
}

/**
 * Run every pair for `rounds` rounds. In each round the tasks run in one tinybench, subject and
 * baseline back to back, so both see the same machine state; the ratio is taken per round and
 * the median reported.
 */
export async function runPairs(pairs: Pair[], o: RunOptions): Promise<Row[]> {
  type Task = { key: string; op: Op; n: number; isAsync: boolean };
  const groups: Task[][] = [];
  for (const p of pairs) {
    const group: Task[] = [];
    for (const [key, op] of [
      [`${p.name}`, p.subject],
      [`${p.name} ~base`, p.baseline],
    ] as const) {
      if (!op) continue;
      const probe = op();
      const isAsync = probe instanceof Promise;
      consume(await probe);
      group.push({ key, op, n: await calibrate(op, o.batchMs), isAsync });
    }
    groups.push(group);
  }
  const tasks = groups.flat();
  const perRound = new Map<string, number[]>();
  for (let r = 0; r < o.rounds; r++) {
    const bench = new Bench({ time: o.timeMs, warmupTime: o.warmupMs, iterations: 5, warmupIterations: 2 });
    // Subject and baseline back to back, in alternating order from round to round, so drift in
    // the machine's state does not favour either.
    for (const group of groups) {
      for (const t of r % 2 === 0 ? group : [...group].reverse()) bench.add(t.key, batch(t.op, t.n, t.isAsync), { async: t.isAsync });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const t = tasks.find((x) => x.key === task.name)!;
      const res = task.result;
      if (res.state !== 'completed') throw new Error(`${task.name}: ${res.state}${'error' in res ? `: ${String(res.error)}` : ''}`);
      // The median batch, not the mean: on a shared machine a batch that lost the CPU to another
      // process says nothing about the code, and the median ignores it.
      const ops = (t.n * 1000) / res.latency.p50;
      perRound.set(t.key, [...(perRound.get(t.key) ?? []), ops]);
    }
    o.log?.(`  round ${r + 1}/${o.rounds} done`);
  }
  return pairs.map((p) => {
    const s = perRound.get(p.name)!;
    const b = perRound.get(`${p.name} ~base`);
    const row: Row = { name: p.name, unit: p.unit ?? 'ops/s', ops: median(s), goal: p.goal };
    if (b) {
      row.baselineName = p.baselineName;
      row.baselineOps = median(b);
      const rates = s.map((x, i) => x / b[i]!);
      row.ratio = p.goal.kind === 'rate' ? median(rates) : median(rates.map((x) => 1 / x));
    }
    return row;
  });
}

export const verdict = (row: Row): 'PASS' | 'MISS' | 'info' => {
  const g = row.goal;
  if (g.kind === 'info' || row.ratio === undefined) return 'info';
  return (g.kind === 'time' ? row.ratio <= g.target : row.ratio >= g.target) ? 'PASS' : 'MISS';
};

function fmtOps(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

function fmtRatio(row: Row): string {
  if (row.ratio === undefined) return '—';
  const r = row.ratio >= 10 ? row.ratio.toFixed(1) : row.ratio.toFixed(2);
  return row.goal.kind === 'rate' ? `${r}x rate` : `${r}x time`;
}

function fmtTarget(g: Goal): string {
  if (g.kind === 'info') return '—';
  return g.kind === 'time' ? `≤ ${g.target}x time` : `≥ ${g.target}x rate`;
}

/** The table, as Markdown (it reads fine in a terminal and pastes into docs/performance.md). */
export function table(rows: Row[]): string {
  const head = ['case', 'ops/s', 'baseline', 'baseline ops/s', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.name + (r.extra ? ` (${r.extra})` : ''),
    `${fmtOps(r.ops)}${r.unit === 'ops/s' ? '' : ` ${r.unit}`}`,
    r.baselineName ?? '—',
    r.baselineOps === undefined ? '—' : fmtOps(r.baselineOps),
    fmtRatio(r),
    fmtTarget(r.goal),
    verdict(r) === 'MISS' ? '**MISS**' : verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i === 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}
