/**
 * `npm run bench`: how fast itl-codec is next to the limits of this machine.
 *
 * Every case runs against a baseline measured in the same run, over the same bytes: a bare
 * tag/length walk for decode, a copy plus length patches for encode, bare WebCrypto for sign and
 * verify, a process that does nothing for the CLI. It measures the BUILT package, as users run it:
 * `npm run bench` builds it first with the package's tsup config, into a folder of its own (see
 * bench/dist.ts). Benchmarks never fail the build: MISS is printed, the exit code stays 0.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_TIME_MS per task and round (default 150),
 * BENCH_FILES for the fleet audit (default 10000), BENCH_ONLY=micro|bulk|cli to run one part.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ab, bareEncode, bareSignature, bareSignedRange, bareWalk, lengthFields, modelFloor, writeElementsFloor } from './baselines.js';
import { buildInputs, TIMESTAMP } from './inputs.js';
import { checksum, consume, runPairs, table, verdict, type Pair, type Row } from './lib.js';
import { CLI_MAIN, core, DIST_DIR, x509 } from './dist.js';

const { buildRollbackItl, decodeTrustList, encodeTrustList, evaluateTrust, signTrustList, verifyTrustList, viewTrustList } = core;
const { parseCertificate } = x509;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const ROUNDS = env('BENCH_ROUNDS', 5);
const TIME_MS = env('BENCH_TIME_MS', 150);
const FILES = env('BENCH_FILES', 10_000);
const ONLY = process.env.BENCH_ONLY;
const started = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);

const subtle = crypto.subtle;
const RSA = 'RSASSA-PKCS1-v1_5';
const SHA1 = { name: RSA, hash: 'SHA-1' };

log('building inputs with the public API (TEST ONLY keys, fixed timestamp)...');
const inputs = await buildInputs();
const { files, lists, signer, signerCryptoKey, certs } = inputs;
const signerSpki = ab(signer.certificate.spki);
const signerPkcs8 = ab(signer.privateKey);
const verifyKey = await subtle.importKey('spki', signerSpki, SHA1, false, ['verify']);
const rows: Row[] = [];
const sizes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `${v.length.toLocaleString('en-US')} B, ${lists[k as keyof typeof lists].records.length} rec`]));

// Sanity: what we time must be what we claim, before any timing.
for (const [k, f] of Object.entries(files)) {
  const again = encodeTrustList(decodeTrustList(f));
  if (again.length !== f.length || !again.every((b, i) => b === f[i])) throw new Error(`${k}: encode(decode(b)) is not b`);
  const lf = lengthFields(f);
  const copy = bareEncode(f, lf);
  if (!copy.every((b, i) => b === f[i])) throw new Error(`${k}: the bare encode baseline is wrong`);
  const list = lists[k as keyof typeof lists];
  const written = writeElementsFloor(list.header.elements, list.records, f.length);
  if (!written.every((b, i) => b === f[i])) throw new Error(`${k}: the element-writing floor is wrong`);
  if (!(await verifyTrustList(f)).valid) throw new Error(`${k}: does not verify`);
}

/** The same lists with every record's DNS name changed: encoding them takes the field-by-field path for every record. */
const edited = Object.fromEntries(
  Object.entries(files).map(([k, f]) => {
    const list = decodeTrustList(f);
    list.records.forEach((r, i) => (r.dnsName = `edited-${i}.example.invalid`));
    return [k, list];
  }),
) as typeof lists;

function signed(f: Uint8Array): { message: Uint8Array<ArrayBuffer>; signature: Uint8Array<ArrayBuffer> } {
  const { offset, length } = bareSignature(f);
  return { message: ab(bareSignedRange(f, offset, length)), signature: ab(f.slice(offset + 3, offset + 3 + length)) };
}

if (!ONLY || ONLY === 'micro') {
  const pairs: Pair[] = [];
  for (const k of ['small', 'typical', 'large'] as const) {
    const f = files[k];
    pairs.push({
      name: `decode ${k} (${sizes[k]}): viewTrustList, checked, decoded on access`,
      subject: () => viewTrustList(f).recordCount,
      baselineName: 'bare tag/length walk',
      baseline: () => bareWalk(f),
      goal: { kind: 'time', target: 3 },
    });
  }
  for (const k of ['small', 'typical', 'large'] as const) {
    const f = files[k];
    pairs.push({
      name: `decode ${k}: viewTrustList, then the header and every record read`,
      subject: () => {
        const v = viewTrustList(f);
        return v.header.elements.length + v.records.length;
      },
      baselineName: 'bare tag/length walk',
      baseline: () => bareWalk(f),
      goal: { kind: 'info' },
    });
    pairs.push({
      name: `decode ${k}: decodeTrustList, a whole model of its own`,
      subject: () => decodeTrustList(f).records.length,
      baselineName: 'copy + one object and view per TLV',
      baseline: () => modelFloor(f),
      goal: { kind: 'info' },
    });
  }
  for (const k of ['small', 'typical', 'large'] as const) {
    const f = files[k];
    const list = lists[k];
    const lf = lengthFields(f);
    pairs.push({
      name: `encode ${k} (decoded, unchanged)`,
      subject: () => encodeTrustList(list).length,
      baselineName: 'alloc + copy + patch lengths',
      baseline: () => bareEncode(f, lf).length,
      goal: { kind: 'time', target: 3 },
    });
  }
  for (const k of ['small', 'typical', 'large'] as const) {
    const f = files[k];
    const list = edited[k];
    pairs.push({
      name: `encode ${k}, every record edited (field by field)`,
      subject: () => encodeTrustList(list).length,
      baselineName: 'write each stored element, no typed field',
      baseline: () => writeElementsFloor(lists[k].header.elements, lists[k].records, f.length).length,
      goal: { kind: 'info' },
    });
  }
  for (const k of ['typical', 'large'] as const) {
    const f = files[k];
    const { message, signature } = signed(f);
    pairs.push({
      name: `verify ${k} (signer from the file)`,
      subject: async () => ((await verifyTrustList(f)).valid ? 1 : 0),
      baselineName: 'importKey(spki) + subtle.verify',
      baseline: async () => ((await subtle.verify(RSA, await subtle.importKey('spki', signerSpki, SHA1, false, ['verify']), signature, message)) ? 1 : 0),
      goal: { kind: 'rate', target: 0.9 },
    });
  }
  {
    const f = files.typical;
    const { message, signature } = signed(f);
    pairs.push({
      name: 'verify typical (CryptoKey given)',
      subject: async () => ((await verifyTrustList(f, { publicKey: verifyKey })).valid ? 1 : 0),
      baselineName: 'subtle.verify, same key',
      baseline: async () => ((await subtle.verify(RSA, verifyKey, signature, message)) ? 1 : 0),
      goal: { kind: 'rate', target: 0.9 },
    });
    const { message: m2 } = signed(f);
    pairs.push({
      name: 'sign typical (PKCS#8 key)',
      subject: async () => (await signTrustList(lists.typical, signer)).length,
      baselineName: 'importKey(pkcs8) + subtle.sign',
      baseline: async () => (await subtle.sign(RSA, await subtle.importKey('pkcs8', signerPkcs8, SHA1, false, ['sign']), m2)).byteLength,
      goal: { kind: 'rate', target: 0.9 },
    });
    const extractable = await crypto.subtle.importKey('pkcs8', signer.privateKey as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, true, ['sign']);
    pairs.push({
      name: 'sign typical (extractable CryptoKey given)',
      subject: async () => (await signTrustList(lists.typical, { certificate: signer.certificate, privateKey: extractable })).length,
      baselineName: 'subtle.sign, same key',
      baseline: async () => (await subtle.sign(RSA, extractable, m2)).byteLength,
      goal: { kind: 'rate', target: 0.9 },
    });
    const keyed = { certificate: signer.certificate, privateKey: signerCryptoKey };
    pairs.push({
      name: 'sign typical (non-extractable CryptoKey given)',
      subject: async () => (await signTrustList(lists.typical, keyed)).length,
      baselineName: 'subtle.sign, same key',
      baseline: async () => (await subtle.sign(RSA, signerCryptoKey, m2)).byteLength,
      goal: { kind: 'rate', target: 0.9 },
    });
  }
  {
    // A phone holding the large ITL is offered the typical CTL, signed by a SAST record it knows.
    const installed = files.large;
    const candidate = files.typical;
    const decision = await evaluateTrust({ installed: { itl: installed }, candidate });
    if (decision.accepted !== true) throw new Error(`evaluateTrust: ${decision.rule}`);
    const { message, signature } = signed(candidate);
    pairs.push({
      name: 'evaluateTrust (installed large ITL, typical CTL offered)',
      subject: async () => ((await evaluateTrust({ installed: { itl: installed }, candidate })).accepted === true ? 1 : 0),
      baselineName: 'importKey(spki) + subtle.verify',
      baseline: async () => ((await subtle.verify(RSA, await subtle.importKey('spki', signerSpki, SHA1, false, ['verify']), signature, message)) ? 1 : 0),
      goal: { kind: 'info' },
    });
    const rollback = await buildRollbackItl({ from: installed, signer, timestamp: TIMESTAMP });
    const { message: rm } = signed(rollback);
    pairs.push({
      name: `buildRollbackItl (from the large ITL, ${rollback.length.toLocaleString('en-US')} B out)`,
      subject: async () => (await buildRollbackItl({ from: installed, signer, timestamp: TIMESTAMP })).length,
      baselineName: 'importKey(pkcs8) + subtle.sign',
      baseline: async () => (await subtle.sign(RSA, await subtle.importKey('pkcs8', signerPkcs8, SHA1, false, ['sign']), rm)).byteLength,
      goal: { kind: 'info' },
    });
  }
  {
    const der = certs['rsa2048-a']!.der;
    pairs.push({
      name: 'x509 parseCertificate (RSA 2048 record certificate)',
      subject: () => parseCertificate(der).serialNumber.length,
      baselineName: 'node:crypto X509Certificate + subject/issuer/serial',
      baseline: () => {
        const c = new X509Certificate(der);
        return c.subject.length + c.issuer.length + c.serialNumber.length;
      },
      goal: { kind: 'info' },
    });
  }
  log(`micro-benchmarks: ${pairs.length} pairs, ${ROUNDS} rounds of ${TIME_MS} ms per task...`);
  rows.push(...(await runPairs(pairs, { rounds: ROUNDS, timeMs: TIME_MS, warmupMs: 50, batchMs: 2, log })));
}

if (!ONLY || ONLY === 'bulk') {
  // A fleet audit: FILES per-device trust lists on disk (100 distinct signed CTLs, cycled), each
  // read, decoded and verified. Each mode runs in its own process, so peak memory is its own.
  log(`fleet audit: writing ${FILES} files...`);
  const dir = mkdtempSync(join(tmpdir(), 'itl-bench-'));
  try {
    const pool: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) pool.push(await signTrustList(lists.typical, signer, { timestamp: TIMESTAMP + i }));
    const fleet = join(dir, 'fleet');
    mkdirSync(fleet);
    for (let i = 0; i < FILES; i++) writeFileSync(join(fleet, `CTLSEP${i.toString(16).toUpperCase().padStart(12, '0')}.tlv`), pool[i % pool.length]!);
    const spkiFile = join(dir, 'signer.spki');
    writeFileSync(spkiFile, signerSpki);
    const audit = (mode: string) => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/bulk.ts'), mode, fleet, '4', spkiFile], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ITL_BENCH_DIST: DIST_DIR },
      });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { files: number; valid: number; seconds: number; rssBeforeMB: number; peakRssMB: number; heapPeakMB: number };
      if (r.valid !== FILES) throw new Error(`${mode}: ${r.valid} of ${FILES} files verified`);
      return r;
    };
    log('fleet audit: itl-codec, with a key cache, then the bare floor...');
    const ours = audit('itl-codec');
    const cached = audit('itl-codec-cached');
    const bare = audit('bare');
    for (const [label, r] of [['', ours], [', keyCache', cached]] as const) {
      rows.push({
        name: `fleet audit${label}: decode + verify ${FILES.toLocaleString('en-US')} typical files from disk`,
        unit: 'files/s',
        ops: r.files / r.seconds,
        baselineName: 'read + bare walk + subtle.verify (key imported once)',
        baselineOps: bare.files / bare.seconds,
        ratio: bare.files / bare.seconds / (r.files / r.seconds),
        goal: { kind: 'info' },
        extra: `peak RSS ${r.peakRssMB.toFixed(0)} MB vs ${bare.peakRssMB.toFixed(0)} MB, heap peak ${r.heapPeakMB.toFixed(0)} MB`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!ONLY || ONLY === 'cli') {
  // CLI start-up: a whole process, against the floor of a Node process that does nothing.
  const dir = mkdtempSync(join(tmpdir(), 'itl-bench-cli-'));
  try {
    const file = join(dir, 'CTLFile.tlv');
    writeFileSync(file, files.typical);
    // bin/itl.js, pointed at the build under test.
    const shim = join(dir, 'itl.mjs');
    writeFileSync(shim, readFileSync(join(ROOT, 'bin/itl.js'), 'utf8').replace('../dist/cli/main.js', CLI_MAIN));
    const itl = [shim, 'inspect', file];
    const empty = ['-e', ''];
    const time = (args: string[]) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
      consume(r.stdout.length);
      return performance.now() - t0;
    };
    time(itl);
    time(empty);
    const runs = env('BENCH_CLI_RUNS', 15);
    const a: number[] = [];
    const b: number[] = [];
    log(`CLI start-up: ${runs} runs each...`);
    for (let i = 0; i < runs; i++) {
      a.push(time(itl));
      b.push(time(empty));
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
    rows.push({
      name: `CLI: itl inspect typical (${med(a).toFixed(0)} ms vs ${med(b).toFixed(0)} ms)`,
      unit: 'runs/s',
      ops: 1000 / med(a),
      baselineName: "node -e ''",
      baselineOps: 1000 / med(b),
      ratio: med(a) / med(b),
      goal: { kind: 'info' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nitl-codec ${process.env.npm_package_version ?? ''} (build: ${DIST_DIR}) on ${cpu}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('ratio: "x time" = our time per op / the baseline\'s (lower is better); "x rate" = our ops/s / the baseline\'s (higher is better).\n');
console.log(table(rows));
const misses = rows.filter((r) => verdict(r) === 'MISS');
console.log('');
for (const r of misses) console.log(`!!! MISS: ${r.name}: ${r.ratio!.toFixed(2)}x, target ${r.goal.kind === 'time' ? '≤' : '≥'} ${'target' in r.goal ? r.goal.target : ''}x`);
if (misses.length === 0) console.log('every target met.');
console.log(`\n(checksum ${checksum()}, ${((performance.now() - started) / 1000).toFixed(0)} s)`);
