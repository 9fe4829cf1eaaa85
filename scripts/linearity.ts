/**
 * Wall-clock linearity of decoding hostile input: 1 KB, 64 KB, 1 MB and 16 MB of each adversarial
 * shape (test/hostile/lib/adversarial.ts: random records, thousands of 5-byte records, max-length
 * TLVs, empty elements, a header of 65 535 padding bytes) and of random bytes. Prints the median
 * time per size, nanoseconds per byte, and the time ratio against the previous size next to the
 * size ratio. Timing only: the test suite asserts counts of work, never wall time
 * (test/hostile/resources.test.ts).
 *
 *   npx tsx scripts/linearity.ts              (add --runs N for more repetitions, default 5)
 *   node --expose-gc --import tsx scripts/linearity.ts   (GC between runs: steadier numbers)
 *
 * A time ratio well above the size ratio (say 2x) at 1 MB -> 16 MB is a superlinear decoder.
 */
import { decodeTrustList, encodeTrustList, ItlError, verifyTrustList } from '../src/index.js';
import { adversarial, rng, SHAPES } from '../test/hostile/lib/adversarial.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5) || 5;
const SIZES = [1 << 10, 1 << 16, 1 << 20, 1 << 24];
const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(f: () => unknown | Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return median(out);
}

function randomBytes(n: number): Uint8Array {
  const next = rng(n);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = next() & 0xff;
  return b;
}

async function main(): Promise<void> {
  console.log(`decode time by input size (median of ${runs}${gc ? ', GC between runs' : ''})\n`);
  console.log(`${'input'.padEnd(16)}${'size'.padStart(10)}${'decode ms'.padStart(11)}${'ns/byte'.padStart(9)}${'x time'.padStart(8)}${'x size'.padStart(8)}${'encode ms'.padStart(11)}${'verify ms'.padStart(11)}`);
  let worst = 0;
  for (const shape of [...SHAPES, 'random-bytes'] as const) {
    let previous: { size: number; ms: number } | undefined;
    for (const size of SIZES) {
      const bytes = shape === 'random-bytes' ? randomBytes(size) : adversarial(shape, size);
      const decode = () => {
        try {
          return decodeTrustList(bytes);
        } catch (e) {
          if (!(e instanceof ItlError)) throw e;
          return undefined;
        }
      };
      const ms = await time(decode);
      const list = decode();
      const enc = list ? await time(() => encodeTrustList(list)) : NaN;
      const ver = list ? await time(() => verifyTrustList(bytes)) : NaN;
      const xt = previous ? ms / previous.ms : NaN;
      const xs = previous ? bytes.length / previous.size : NaN;
      if (previous && previous.ms >= 5) worst = Math.max(worst, xt / xs); // tiny times are timer and cache noise
      console.log(
        `${shape.padEnd(16)}${String(bytes.length).padStart(10)}${ms.toFixed(2).padStart(11)}${((ms * 1e6) / bytes.length).toFixed(1).padStart(9)}${(previous ? xt.toFixed(1) : '').padStart(8)}${(previous ? xs.toFixed(0) : '').padStart(8)}${(Number.isNaN(enc) ? '-' : enc.toFixed(2)).padStart(11)}${(Number.isNaN(ver) ? '-' : ver.toFixed(2)).padStart(11)}`,
      );
      previous = { size: bytes.length, ms };
    }
  }
  console.log(`\nworst time ratio / size ratio where the smaller input took 5 ms or more: ${worst.toFixed(2)} (1 = linear; above 1 at 16 MB is mostly garbage collection of the one-object-per-element model)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
