/**
 * Fleet audit, run as its own process so its peak memory is its own: read every file in a
 * folder, decode it and verify its signature, `concurrency` files in flight.
 *
 *   tsx bench/bulk.ts itl-codec DIR CONCURRENCY
 *   tsx bench/bulk.ts itl-codec-cached DIR CONCURRENCY
 *   tsx bench/bulk.ts bare DIR CONCURRENCY SPKI_FILE
 *
 * `itl-codec`: decodeTrustList + verifyTrustList (which finds the signer record and imports its
 * key, per file), as an audit script would. `bare`: the floor, reading the file, a bare header
 * walk to the SIGNATURE element, one copy of the signed range and subtle.verify with a key imported
 * once. Prints one JSON line: files, valid, seconds, rss before and peak.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ab, bareSignature, bareSignedRange } from './baselines.js';

const [mode, dir, conc, spkiFile] = process.argv.slice(2);
const names = (await readdir(dir!)).sort();
const concurrency = Number(conc ?? 4);

let check: (bytes: Uint8Array) => Promise<{ valid: boolean; n: number }>;
if (mode === 'itl-codec' || mode === 'itl-codec-cached') {
  const { decodeTrustList, verifyTrustList } = (await import('./dist.js')).core;
  // `itl-codec-cached`: one caller-owned key cache for the whole audit (verify's `keyCache` option).
  const options = mode === 'itl-codec-cached' ? { keyCache: new Map<string, CryptoKey>() } : {};
  check = async (bytes) => {
    const list = decodeTrustList(bytes);
    const result = await verifyTrustList(bytes, options);
    return { valid: result.valid, n: list.records.length };
  };
} else if (mode === 'bare') {
  const spki = new Uint8Array(await readFile(spkiFile!));
  const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['verify']);
  check = async (bytes) => {
    const { offset, length } = bareSignature(bytes);
    const message = bareSignedRange(bytes, offset, length);
    const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, ab(bytes.subarray(offset + 3, offset + 3 + length)), ab(message));
    return { valid, n: 1 };
  };
} else throw new Error(`unknown mode ${mode}`);

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let next = 0;
let valid = 0;
let sum = 0;
let heapPeak = 0;
const t0 = performance.now();
async function worker(): Promise<void> {
  while (next < names.length) {
    const name = names[next++]!;
    const bytes = new Uint8Array(await readFile(join(dir!, name)));
    const r = await check(bytes);
    if (r.valid) valid++;
    sum += r.n;
    if ((next & 255) === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    mode,
    files: names.length,
    valid,
    sum,
    seconds,
    rssBeforeMB: rssBefore / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapPeakMB: heapPeak / 2 ** 20,
  }),
);
