/** itl verify: exit 0 valid, 1 invalid with the reason code first, 2 malformed or usage; .tlv and .sgn. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, inlineVector, withHeaderLength } from './fixtures.js';
import { clusterAArgs, clusterBArgs, expectError, firstLine, itlIn, key, workDir } from './workdir.js';

const w = workDir();
const itl = (argv: string[], opts?: Parameters<typeof itlIn>[2]) => itlIn(w.dir, argv, opts);

interface Expectation {
  valid: boolean;
  reason?: string;
  source?: string;
  recordIndex?: number;
  with?: { certificate?: string; trustList?: string; roles?: number[] };
}
interface SignedEntry {
  file: string;
  kind: string;
  signature: Expectation;
  verifyWith?: Expectation[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'vectors', 'signed', 'manifest.json'), 'utf8')) as { vectors: SignedEntry[] };

/** The CLI flags for a manifest `with` (paths: certificates from the package root, trust lists from vectors/); undefined when the CLI has no such option (roles). */
function flagsFor(withOpts: Expectation['with']): string[] | undefined {
  if (!withOpts) return [];
  if (withOpts.roles) return undefined;
  if (withOpts.certificate) return ['--cert', join(ROOT, withOpts.certificate)];
  if (withOpts.trustList) return ['--trust', join(ROOT, 'vectors', withOpts.trustList)];
  return [];
}

const cases = manifest.vectors.flatMap((v) =>
  [v.signature, ...(v.verifyWith ?? [])].flatMap((e) => {
    const flags = flagsFor(e.with);
    return flags ? [{ name: `${v.file} ${flags.map((f) => f.replace(ROOT + '/', '')).join(' ')}`.trim(), file: join(ROOT, 'vectors', v.file), flags, e }] : [];
  }),
);

describe('itl verify on the signed vectors (expectations from vectors/signed/manifest.json)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await itl(['verify', c.file, ...c.flags]);
    expect(r.stderr).toBe('');
    if (c.e.valid) {
      expect(r.code).toBe(0);
      expect(firstLine(r)).toMatch(/^VALID: /);
    } else {
      expect(r.code).toBe(1);
      expect(firstLine(r)).toMatch(new RegExp(`^INVALID ${c.e.reason}: `));
    }
    const j = JSON.parse((await itl(['verify', c.file, ...c.flags, '--json'])).stdout);
    expect(j).toMatchObject({ valid: c.e.valid, reason: c.e.reason ?? null });
    if (c.e.source) expect(j.signer.source).toBe(c.e.source);
    if (c.e.recordIndex !== undefined && c.e.source !== 'certificate') expect(j.signer.record).toBe(c.e.recordIndex + 1);
  });
});

describe('itl verify', () => {
  beforeAll(async () => {
    expect((await itl(clusterAArgs('a.tlv'))).code).toBe(0);
    expect((await itl(clusterBArgs('b.tlv'))).code).toBe(0);
  });

  it('--json: one object with the verdict, signer and signed range', async () => {
    const r = await itl(['verify', 'a.tlv', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['file', 'kind', 'valid', 'reason', 'message', 'digest', 'signer', 'signature']);
    expect(j).toMatchObject({
      file: 'a.tlv',
      kind: 'ITL',
      valid: true,
      reason: null,
      digest: 'SHA-1',
      signer: { source: 'file', record: 1, role: 'SAST', serialNumber: '81:A3:95:1A:5C:4C:1C:9B:7E:B4:B4:F0:0B:8D:6E:38' },
      signature: { length: 256 },
    });
  });

  it('a changed byte in a record: INVALID SIGNATURE_MISMATCH, exit 1', async () => {
    const bytes = w.read('a.tlv');
    bytes[bytes.length - 20]! ^= 1;
    w.write('tampered.tlv', bytes);
    const r = await itl(['verify', 'tampered.tlv']);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toBe('INVALID SIGNATURE_MISMATCH: the signature does not verify over the signed bytes');
  });

  it('--trust: cluster B is not signed by anything cluster A phones hold (exit 1); A itself is (exit 0)', async () => {
    const b = await itl(['verify', 'b.tlv', '--trust', 'a.tlv']);
    expect(b.code).toBe(1);
    expect(firstLine(b)).toMatch(/^INVALID SIGNER_NOT_FOUND: /);
    const a = await itl(['verify', 'a.tlv', '--trust', 'a.tlv']);
    expect(a.code).toBe(0);
    expect(firstLine(a)).toMatch(/^VALID: .* with trust-list record 1 /);
  });

  it('--cert: the right certificate verifies, another does not', async () => {
    expect((await itl(['verify', 'a.tlv', '--cert', key('rsa2048-a.cert.der')])).code).toBe(0);
    const r = await itl(['verify', 'a.tlv', '--cert', key('rsa2048-b.cert.pem')]);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toMatch(/^INVALID SIGNATURE_MISMATCH: /);
  });

  it('reads standard input', async () => {
    expect((await itl(['verify', '-'], { stdin: w.read('a.tlv') })).code).toBe(0);
  });

  describe('.sgn files', () => {
    beforeAll(async () => {
      w.write('SEP001122334455.cnf.xml', '<device><loadInformation/></device>\n');
      const r = await itl(['sign-file', 'SEP001122334455.cnf.xml', '--signer', key('rsa1024-b.cert.pem'), '--signer-key', key('rsa1024-b.key.pem'), '--timestamp', '1']);
      expect(r.code).toBe(0);
    });

    it('without --cert or --trust: INVALID SIGNER_NOT_FOUND with a hint, exit 1', async () => {
      const r = await itl(['verify', 'SEP001122334455.cnf.xml.sgn']);
      expect(r.code).toBe(1);
      expect(firstLine(r)).toMatch(/^INVALID SIGNER_NOT_FOUND: .*--cert.*--trust/);
      expect(JSON.parse((await itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--json'])).stdout)).toMatchObject({ kind: 'sgn', valid: false, reason: 'SIGNER_NOT_FOUND' });
    });

    it('--cert and --trust (a TFTP record of the ITL) verify it; another cluster\'s ITL does not', async () => {
      expect((await itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--cert', key('rsa1024-b.cert.pem')])).code).toBe(0);
      const t = await itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--trust', 'b.tlv']);
      expect(t.code).toBe(0);
      expect(firstLine(t)).toMatch(/^VALID: .* with trust-list record 3 \(CN=cucm-test-b-pub;/);
      const a = await itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--trust', 'a.tlv']);
      expect(a.code).toBe(1);
      expect(firstLine(a)).toMatch(/^INVALID SIGNER_NOT_FOUND: /);
    });
  });

  it('malformed input: exit 2 with the decoder\'s code', async () => {
    expectError(await itl(['verify', '-'], { stdin: withHeaderLength(inlineVector().bytes, 40000) }), 'ERR_HEADER_LENGTH');
    expectError(await itl(['verify', '-'], { stdin: '<xml/>' }), 'ERR_FIRST_ELEMENT');
    expectError(await itl(['verify', 'a.tlv', '--trust', '-'], { stdin: new Uint8Array(0) }), 'ERR_EMPTY');
    expectError(await itl(['verify', 'a.tlv', '--cert', key('rsa2048-a.key.pem')]), 'ERR_NO_CERTIFICATE');
  });

  it('usage errors: exit 2', async () => {
    expectError(await itl(['verify']), 'ERR_USAGE');
    expectError(await itl(['verify', 'a.tlv', '--cert', 'x', '--trust', 'y']), 'ERR_USAGE');
    expectError(await itl(['verify', 'a.tlv', '--roles', '3']), 'ERR_USAGE');
    expectError(await itl(['verify', 'missing.tlv']), 'ERR_IO');
  });
});
