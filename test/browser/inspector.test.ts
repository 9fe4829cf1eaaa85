// The inspector page (docs/inspector) in a real browser: Debian's Chromium driven by
// playwright-core, the page served by a tiny static server on 127.0.0.1 and once from file://.
// Checks what a person sees against the library run here in Node (decode, verify, trust, JSON),
// and that the page runs under its own strict CSP, logs no error and requests nothing but its own files.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { decodeTrustList, evaluateTrust, roleName, toJSON, verifyTrustList } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE_DIR = join(ROOT, 'docs/inspector');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MISSING = `Chromium is not installed at ${CHROMIUM}. The inspector's browser test needs it: apt-get install -y chromium (as root). CI installs it in .ci/run.`;
const TIMEOUT = 120_000;

const vectorPath = (file: string) => join(ROOT, 'vectors', file);
const glob = (dir: string, ext: RegExp) => (existsSync(vectorPath(dir)) ? readdirSync(vectorPath(dir)).filter((f) => ext.test(f)).sort().map((f) => `${dir}/${f}`) : []);

interface ManifestEntry {
  file: string;
  size?: number;
  expect?: { error?: { code: string; offset?: number; path?: string } };
}
const manifest: ManifestEntry[] = JSON.parse(readFileSync(vectorPath('manifest.json'), 'utf8')).vectors;
const malformed = manifest.filter((v) => v.expect?.error);
const malformedFiles = new Set(malformed.map((v) => v.file));
/** Every vector that decodes, found at test time (others may add vectors). */
const decodable = [...glob('signed', /\.tlv$/), ...glob('structural', /\.tlv$/)].filter((f) => !malformedFiles.has(f));
const INSTALLED = 'signed/itl-rsa2048-sha1.tlv';

// --- a static server for docs/inspector ------------------------------------------------------

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
let server: Server;
let base = '';

function serve(): Promise<void> {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html');
    const file = join(PAGE_DIR, decodeURIComponent(path));
    if (req.method !== 'GET' || !file.startsWith(PAGE_DIR) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    resolve();
  }));
}

// --- the browser ----------------------------------------------------------------------------

let context: BrowserContext | undefined;
let userDataDir = '';

/** A page that records console errors, uncaught exceptions, CSP violations and every request. */
interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
  violations(): Promise<string[]>;
}

async function open(url: string, viewport = { width: 1400, height: 1000 }): Promise<Watched> {
  if (!context) throw new Error(MISSING);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  // Runs before the page's scripts, outside its CSP (playwright injects it through the DevTools protocol).
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return { page, errors, requests, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

/** Pick a file (and optionally the installed list) and wait until every later part has filled in. */
async function load(page: Page, file: string, installed?: string): Promise<void> {
  if (installed) await page.setInputFiles('#installed', vectorPath(installed));
  await page.setInputFiles('#file', vectorPath(file));
  const name = file.split('/').pop()!;
  await page.waitForFunction((n) => document.getElementById('out')?.dataset.ready === n, name, { timeout: 30_000 });
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
/** The signature line a person reads, as the library in Node says it should be. */
const statusFor = (r: { valid: boolean; reason?: string }) => (r.valid ? 'Signature valid' : `Signature invalid: ${r.reason}`);
const hexCells = (page: Page) => page.evaluate(() => document.querySelectorAll('.hex > div > span:not(.o):not(.a)').length);
const litCells = (page: Page) => page.evaluate(() => [...document.querySelectorAll('.hex > div > span:not(.o):not(.a)')].flatMap((c, i) => (c.classList.contains('hl') ? [i] : [])));

async function expectClean(w: Watched): Promise<void> {
  expect(w.errors).toEqual([]);
  expect(await w.violations()).toEqual([]);
  // Nothing leaves the page: the only requests are for the page's own files.
  const own = /^(index\.html|style\.css|favicon\.svg|app\.js|analysis\.js|x509\.js)$/;
  const strangers = w.requests.filter((u) => !u.startsWith('blob:') && (!(u.startsWith(base) || u.startsWith('file://')) || !own.test(u.split('/').pop()!)));
  expect(strangers).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  if (!existsSync(join(PAGE_DIR, 'app.js'))) throw new Error('docs/inspector/app.js is missing: run npm run build (npm test does it in pretest)');
  await serve();
  userDataDir = mkdtempSync(join(tmpdir(), 'itl-inspector-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, acceptDownloads: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}, TIMEOUT);

afterAll(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('inspector page in Chromium', () => {
  it('has Chromium to run in', () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  });

  it('states its CSP in the page and is reachable from the keyboard', async () => {
    const w = await open(base + 'index.html');
    const csp = await w.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('file');
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('installed');
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it(`shows every decodable vector as the library reads it (${decodable.length} files)`, async () => {
    expect(decodable.length).toBeGreaterThan(0);
    const w = await open(base + 'index.html');
    for (const file of decodable) {
      const bytes = readFileSync(vectorPath(file));
      const list = decodeTrustList(bytes);
      await load(w.page, file);
      const where = `${file}: `;
      expect(where + (await text(w.page, '#records-h'))).toBe(`${where}Records (${list.records.length})`);
      const roles = await w.page.locator('#records .overview tbody tr td:nth-child(4)').allInnerTexts();
      expect([where, ...roles]).toEqual([where, ...list.records.map((r) => (r.role !== undefined ? roleName(r.role) : '(none)'))]);
      expect(where + (await text(w.page, '#sig-status'))).toBe(where + statusFor(await verifyTrustList(bytes)));
      expect(await w.page.locator('#error').count()).toBe(0);
      expect(await hexCells(w.page)).toBe(bytes.length);
      // One table per record, each row tied to its bytes.
      expect(await w.page.locator('section.record').count()).toBe(list.records.length);
    }
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('names the signing record, shows checksums, certificates and lint for a signed ITL', async () => {
    const w = await open(base + 'index.html');
    const file = 'signed/itl-rsa2048-sha1.tlv';
    await load(w.page, file);
    const bytes = readFileSync(vectorPath(file));
    const result = await verifyTrustList(bytes);
    expect(result.valid).toBe(true);
    const sig = await text(w.page, '#signature');
    expect(sig).toContain('Signature valid');
    expect(sig).toContain(`record ${result.signer!.recordIndex! + 1} (SAST`);
    const { createHash } = await import('node:crypto');
    const summary = await text(w.page, '#summary');
    expect(summary).toContain(createHash('md5').update(bytes).digest('hex'));
    expect(summary).toContain(createHash('sha1').update(bytes).digest('hex'));
    // x509 part: every record's certificate with its SHA-256 fingerprint.
    const list = decodeTrustList(bytes);
    const records = await text(w.page, '#records');
    for (const r of list.records) if (r.certificate) expect(records).toContain(createHash('sha256').update(r.certificate).digest('hex'));
    expect(records).toContain('Validity');
    expect(records).toMatch(/RSA 2048-bit \(e = 65537\)/);
    expect(await text(w.page, '#lint')).toMatch(/No findings|error|warning|info/);
    await w.page.screenshot({ path: join(ARTIFACTS, 'inspector.png'), fullPage: false });
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('highlights bytes from a focused or hovered row, and a row from a hovered or clicked byte', async () => {
    const w = await open(base + 'index.html');
    await load(w.page, 'signed/itl-rsa1024-sha1-min.tlv');
    const list = decodeTrustList(readFileSync(vectorPath('signed/itl-rsa1024-sha1-min.tlv')));
    // Keyboard: the first header row is VERSION (5 bytes at 0); ArrowDown moves to HEADER_LENGTH.
    const first = w.page.locator('#header tbody tr').first();
    await first.focus();
    expect(await litCells(w.page)).toEqual([0, 1, 2, 3, 4]);
    await w.page.keyboard.press('ArrowDown');
    expect(await litCells(w.page)).toEqual([5, 6, 7, 8, 9]);
    // Enter on a record in the list jumps to that record's first row (RECORD_LENGTH).
    await w.page.locator('#records .overview tbody tr').first().focus();
    const rec = list.records[0]!;
    expect((await litCells(w.page)).length).toBe(rec.recordLength);
    await w.page.keyboard.press('Enter');
    expect(await w.page.evaluate(() => document.activeElement?.closest('section')?.id)).toBe('record-1');
    expect(await litCells(w.page)).toEqual([rec.offset!, rec.offset! + 1, rec.offset! + 2, rec.offset! + 3, rec.offset! + 4]);
    // Hover a byte of the TIMESTAMP element: its row lights up.
    const ts = list.header.elements.find((e) => e.tag === 15)!;
    const cell = w.page.locator('.hex > div > span:not(.o):not(.a)').nth(ts.offset! + 4);
    await cell.scrollIntoViewIfNeeded();
    await cell.hover();
    expect(await w.page.locator('#header tr.hl').innerText()).toContain('Timestamp');
    // Click a byte inside the record's certificate: focus moves to the CERTIFICATE row.
    const cert = rec.elements.find((e) => e.tag === 9)!;
    const certCell = w.page.locator('.hex > div > span:not(.o):not(.a)').nth(cert.offset! + 40);
    await certCell.scrollIntoViewIfNeeded();
    await certCell.click();
    expect(await w.page.evaluate(() => document.activeElement?.textContent)).toContain('9 CERTIFICATE');
    // The unsigned SIGNATURE element is marked.
    const sig = list.header.elements.find((e) => e.tag === 12)!;
    expect(await w.page.evaluate(() => document.querySelectorAll('.hex .ns').length)).toBe(3 + sig.value!.length);
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it(`shows the code and offset of every malformed vector, with the bytes up to it (${malformed.length} files)`, async () => {
    expect(malformed.length).toBeGreaterThan(0);
    const w = await open(base + 'index.html');
    for (const v of malformed) {
      const { code, offset } = v.expect!.error!;
      const size = readFileSync(vectorPath(v.file)).length;
      await load(w.page, v.file);
      const error = await text(w.page, '#error');
      expect(`${v.file}: ${error}`).toContain(code);
      if (offset !== undefined) {
        expect(`${v.file}: ${error}`).toContain(`(${offset})`);
        expect(await hexCells(w.page)).toBe(Math.min(size, offset + 1));
        const errIndex = await w.page.evaluate(() => [...document.querySelectorAll('.hex > div > span:not(.o):not(.a)')].findIndex((c) => c.classList.contains('err')));
        expect(errIndex).toBe(offset < size ? offset : -1);
      }
      if (v.file.endsWith('truncated-in-header.tlv')) await w.page.screenshot({ path: join(ARTIFACTS, 'inspector-error.png') });
    }
    // Console errors would be ours: a decoding error is content, not a page failure.
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('tells whether a phone holding an installed list would accept a file, and why', async () => {
    const candidates = glob('signed', /\.(tlv|sgn)$/).filter((f) => f !== INSTALLED && !f.endsWith('SEP001122334455.cnf.xml.sgn'));
    expect(existsSync(vectorPath(INSTALLED))).toBe(true);
    const installed = readFileSync(vectorPath(INSTALLED));
    const w = await open(base + 'index.html');
    for (const file of candidates) {
      const bytes = readFileSync(vectorPath(file));
      const signed = file.endsWith('.sgn');
      const t = await evaluateTrust({ installed: { itl: installed }, candidate: bytes, ...(signed && { kind: 'config' as const }) });
      await load(w.page, file, INSTALLED);
      const verdict = await text(w.page, '#trust-verdict');
      const name = file.split('/').pop()!;
      const expected = `A phone holding itl-rsa2048-sha1.tlv (ITL) ${t.accepted === false ? 'would not accept' : 'would accept'} ${name}${t.accepted === 'needs-tvs' ? ' only if' : '.'}`;
      expect(verdict.startsWith(expected) ? expected : `${verdict} (expected ${expected})`).toBe(expected);
      const trust = await text(w.page, '#trust');
      expect(trust).toContain(t.explanation);
      for (const r of t.remedies) expect(trust).toContain(r.code);
      if (signed) expect(await text(w.page, '#summary')).toContain('signed file (.sgn)');
    }
    // "Forget it" drops the installed list: the trust section goes, and a .sgn can no longer be checked.
    await load(w.page, 'signed/SEP001122334455.cnf.xml.sgn', INSTALLED);
    expect(await text(w.page, '#sig-status')).toBe('Signature valid');
    await w.page.click('#clear');
    await w.page.waitForFunction(() => document.getElementById('out')?.dataset.ready !== undefined && !document.getElementById('trust'));
    expect(await text(w.page, '#sig-status')).toContain('Not checked');
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('takes dropped files: two on the main zone are the file and the installed list', async () => {
    const w = await open(base + 'index.html');
    const files = ['signed/itl-resigned-rsa1024-sha1.tlv', INSTALLED].map((f) => ({ name: f.split('/').pop()!, bytes: [...readFileSync(vectorPath(f))] }));
    const dataTransfer = await w.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(f.bytes)], f.name));
      return dt;
    }, files);
    await w.page.dispatchEvent('#drop-main', 'drop', { dataTransfer });
    await w.page.waitForFunction((n) => document.getElementById('out')?.dataset.ready === n, files[0]!.name);
    expect(await text(w.page, '#installed-name')).toBe(`Installed: ${files[1]!.name}`);
    expect(await text(w.page, '#trust-verdict')).toMatch(/^A phone holding itl-rsa2048-sha1\.tlv \(ITL\) would (not )?accept itl-resigned-rsa1024-sha1\.tlv/);
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('downloads the lossless JSON form the library gives', async () => {
    const w = await open(base + 'index.html');
    const file = 'signed/ctl-rsa1024-sha1.tlv';
    await load(w.page, file);
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#export-json')]);
    expect(download.suggestedFilename()).toBe('ctl-rsa1024-sha1.json');
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(toJSON(decodeTrustList(readFileSync(vectorPath(file)))))));
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('fits a narrow screen', async () => {
    const w = await open(base + 'index.html', { width: 360, height: 780 });
    await load(w.page, 'signed/itl-rsa2048-sha1.tlv');
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await w.page.screenshot({ path: join(ARTIFACTS, 'inspector-narrow.png'), fullPage: false });
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('works from file://, offline, with every part loaded', async () => {
    const w = await open(pathToFileURL(join(PAGE_DIR, 'index.html')).href);
    await load(w.page, 'signed/itl-rsa4096-sha256.tlv');
    const bytes = readFileSync(vectorPath('signed/itl-rsa4096-sha256.tlv'));
    expect(await text(w.page, '#records-h')).toBe(`Records (${decodeTrustList(bytes).records.length})`);
    expect(await text(w.page, '#sig-status')).toBe(statusFor(await verifyTrustList(bytes)));
    expect(await hexCells(w.page)).toBe(bytes.length);
    expect(await text(w.page, '#records')).toContain('SHA-256 fingerprint');
    await expectClean(w);
    await w.page.close();
  }, TIMEOUT);

  it('would notice a CSP violation (the listener works)', async () => {
    const w = await open(base + 'index.html');
    await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
    });
    expect(await w.page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await expect(w.violations()).resolves.toEqual([expect.stringContaining('script-src')]);
    await w.page.close();
  }, TIMEOUT);
});
