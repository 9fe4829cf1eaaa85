import { describe, expect, it } from '@jest/globals';
import { allVectors, goodVectors, inlineVector, malformedVectors, manifest, type ManifestError, md5, readVector, sha1, structuralVectors, withHeaderLength } from './fixtures.js';
import { runCli } from './run.js';

const inline = inlineVector();

describe('itl inspect (text)', () => {
  it('reports the inline ITL: kind, checksums, header, every record', async () => {
    const r = await runCli(['inspect', '-'], { stdin: inline.bytes });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const t = r.stdout;
    expect(t).toMatch(/^ITL trust list {2}\(stdin\)\n/);
    expect(t).toMatch(/^ {2}File length +3661 bytes$/m);
    expect(t).toMatch(new RegExp(`^  MD5 +${md5(inline.bytes)}$`, 'm'));
    expect(t).toMatch(new RegExp(`^  SHA-1 +${sha1(inline.bytes)}$`, 'm'));
    expect(t).toMatch(/^ {2}Records +3$/m);
    expect(t).toMatch(/^ {2}Version +1\.2$/m);
    expect(t).toMatch(/^ {2}Signer serial +01:23:45:67:89:AB:CD:EF$/m);
    expect(t).toMatch(/^ {2}Signer record +record 1 /m);
    expect(t).toMatch(/^ {2}Digest +SHA-1 \(code 1\)$/m);
    expect(t).toMatch(/^ {2}Signature +128 bytes, modulus code 1 = 128 bytes$/m);
    expect(t).toMatch(/^ {2}Filename +ITLFile\.tlv$/m);
    expect(t).toMatch(/^ {2}Timestamp +2023-11-14T22:13:20Z \(raw 1700000000 = 0x6553f100\)$/m);
    expect(t).toMatch(/^ {2}Padding +1 byte of 0x0D$/m);
    expect(t.match(/^Record \d of 3/gm)).toEqual(['Record 1 of 3', 'Record 2 of 3', 'Record 3 of 3']);
    expect(t).toMatch(/^ {2}Role +SAST \(code 0\), Cisco: "System Administrator Security Token"$/m);
    expect(t).toMatch(/^ {2}Role +TFTP \(code 3\)$/m);
    expect(t).toMatch(/^ {2}Role +TVS \(code 21\)$/m);
    expect(t).toMatch(/^ {2}Serial +81:A3:95:1A:5C:4C:1C:9B:7E:B4:B4:F0:0B:8D:6E:38$/m);
    expect(t).toMatch(/^ {2}Public key +RSA 1024-bit \(e = 65537\), 140 bytes PKCS#1$/m);
    expect(t).toMatch(/^ {2}Public key +RSA 2048-bit \(e = 65537\), 270 bytes PKCS#1$/m);
    expect(t).toMatch(/^ {2}Public key +EC P-256, 65 bytes uncompressed point$/m);
    expect(t).toContain(`Certificate       ${inline.certs.sast.der.length} bytes, SHA-1 ${sha1(inline.certs.sast.der)}`);
    expect(t).toMatch(/^ {2}IP address +192\.0\.2\.7$/m);
    expect(t).toMatch(new RegExp(`^  Certificate hash +${sha1(inline.certs.tvs.der)}$`, 'm'));
    expect(t).toMatch(/^ {2}Other elements +tag 99 TAG_99, 2 bytes at 0x[0-9A-F]+ \(\d+\) \(unknown tag\)$/m);
    expect(t).toContain('lower-case hex');
    // A blank line between sections and records; values start in one column within a section.
    expect(t).toContain('\n\nRecord 2 of 3');
    const columns = new Set(t.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.search(/(?<=^ {2}\S.*? {2,})\S/)));
    expect(columns).toEqual(new Set([20]));
  });

  it('uses colour only on a TTY, and never with NO_COLOR', async () => {
    const tty = await runCli(['inspect', '-'], { stdin: inline.bytes, tty: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['inspect', '-'], { stdin: inline.bytes, tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const pipe = await runCli(['inspect', '-'], { stdin: inline.bytes });
    expect(pipe.stdout).not.toContain('\u001b[');
  });

  const structural = structuralVectors();
  it('finds structural to check (the vectors are committed)', () => expect(structural.length).toBeGreaterThan(0));
  const some = it.each(structural);
  some('inspects %s: record count, role names, colon serials, checksums', async (path) => {
    const bytes = readVector(path);
    const r = await runCli(['inspect', path, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.checksums).toEqual({ md5: md5(bytes), sha1: sha1(bytes) });
    const text = (await runCli(['inspect', path])).stdout;
    expect(text.match(/^Record \d+ of \d+/gm) ?? []).toHaveLength(j.records.length);
    expect(text).toMatch(new RegExp(`^  Records +${j.records.length}$`, 'm'));
    for (const rec of j.records) {
      if (rec.role) expect(text).toContain(`${rec.role.name} (code ${rec.role.code})`);
      if (rec.serialNumber) expect(text).toContain(rec.serialNumber.toUpperCase().match(/../g).join(':'));
    }
  });
});

describe('itl inspect --json', () => {
  it('prints one JSON object with a stable shape', async () => {
    const r = await runCli(['inspect', '-', '--json'], { stdin: inline.bytes });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['file', 'kind', 'checksums', 'header', 'verification', 'records']);
    // The inline vector's signature bytes are made up: the check runs and says so.
    expect(j.verification).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH', digest: 'SHA-1', record: 1, role: 'SAST' });
    expect(j.file).toEqual({ path: '(stdin)', length: inline.bytes.length });
    expect(j.kind).toBe('ITL');
    expect(j.checksums).toEqual({ md5: md5(inline.bytes), sha1: sha1(inline.bytes) });
    expect(Object.keys(j.header)).toEqual([
      'version', 'headerLength', 'signerVersion', 'signer', 'signerRecord', 'digest', 'signatureAlgorithm',
      'signature', 'filename', 'timestamp', 'padding', 'otherElements',
    ]);
    expect(j.header).toMatchObject({
      version: '1.2',
      headerLength: 332,
      signerVersion: null,
      signer: { serialNumber: '0123456789abcdef' },
      signerRecord: 1,
      digest: { name: 'SHA-1', code: 1 },
      signatureAlgorithm: 0,
      signature: { length: 128, modulusCode: 1, modulusBytes: 128 },
      filename: 'ITLFile.tlv',
      timestamp: { raw: 1700000000, iso: '2023-11-14T22:13:20Z' },
      padding: 1,
      otherElements: [],
    });
    expect(j.records).toHaveLength(3);
    expect(j.records.map((x: { role: { name: string } }) => x.role.name)).toEqual(['SAST', 'TFTP', 'TVS']);
    expect(j.records[0]).toMatchObject({
      number: 1,
      role: { code: 0, name: 'SAST', label: 'System Administrator Security Token' },
      publicKey: { type: 'RSA', bits: 1024, exponent: 65537, length: 140 },
      certificate: { length: inline.certs.sast.der.length, sha1: sha1(inline.certs.sast.der) },
      ipAddress: '192.0.2.1',
    });
    expect(j.records[2]).toMatchObject({
      publicKey: { type: 'EC', curve: 'P-256', bits: 256 },
      certificate: null,
      certificateHash: sha1(inline.certs.tvs.der),
      hashAlgorithm: { name: 'SHA-1', code: 1 },
      otherElements: [{ tag: 99, name: 'TAG_99', length: 2, reason: 'unknown tag', hex: 'dead' }],
    });
    // Same keys in every record, absent fields are null.
    const keys = j.records.map((x: object) => Object.keys(x).join(','));
    expect(new Set(keys).size).toBe(1);
  });

  it('gives every good vector under vectors/ a JSON report whose checksums match node:crypto', async () => {
    for (const path of goodVectors()) {
      const bytes = readVector(path);
      const r = await runCli(['inspect', path, '--json']);
      expect({ path, code: r.code, stderr: r.stderr }).toEqual({ path, code: 0, stderr: '' });
      expect(JSON.parse(r.stdout).checksums).toEqual({ md5: md5(bytes), sha1: sha1(bytes) });
    }
  });
});

describe('itl inspect on malformed input', () => {
  const cases: [string, Uint8Array, string][] = [
    ['HeaderLength past the end', withHeaderLength(inline.bytes, 40000), 'ERR_HEADER_LENGTH'],
    ['truncated', inline.bytes.subarray(0, inline.bytes.length - 3), 'ERR_'],
    ['empty', new Uint8Array(0), 'ERR_EMPTY'],
    ['not a trust list', new TextEncoder().encode('<xml/>'), 'ERR_FIRST_ELEMENT'],
  ];
  it.each(cases)('%s: exit 2, one stderr line starting with the code, nothing on stdout', async (_, bytes, code) => {
    const r = await runCli(['inspect', '-'], { stdin: bytes });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith(code)).toBe(true);
    expect(r.stderr).toMatch(/^ERR_[A-Z_]+: /);
  });

  it('names the path and offset of a bad HeaderLength', async () => {
    const r = await runCli(['inspect', '-'], { stdin: withHeaderLength(inline.bytes, 40000) });
    expect(r.stderr).toBe(`ERR_HEADER_LENGTH: HeaderLength 40000 is past the end of the input (${inline.bytes.length} bytes) (header/headerLength, offset 5)\n`);
  });

  it('--lenient decodes what it can and lists what it tolerated', async () => {
    const cut = inline.bytes.subarray(0, inline.bytes.length - 3);
    const r = await runCli(['inspect', '-', '--lenient', '--json'], { stdin: cut });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.records).toHaveLength(2);
    expect(j.warnings[0].code).toBe('ERR_RECORD_LENGTH');
    expect(j.trailing.length).toBeGreaterThan(0);
  });

  const malformed = malformedVectors();
  it('finds malformed to check (the vectors are committed)', () => expect(malformed.length).toBeGreaterThan(0));
  const each = it.each(malformed);
  each('malformed vector $path: exit 2, one line with the manifest\'s code, path and offset', async ({ path, error }) => {
    const r = await runCli(['inspect', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERR_[A-Z0-9_]+: [^\n]*\n$/);
    expect(r.stderr.startsWith(`${error.code}: `)).toBe(true);
    const where = [error.path, error.offset !== undefined ? `offset ${error.offset}` : undefined].filter(Boolean).join(', ');
    if (where) expect(r.stderr.trimEnd().endsWith(`(${where})`)).toBe(true);
  });

  const tolerated = malformed.filter((m) => !m.lenientError && !m.lenientUnspecified);
  it('finds tolerated to check (the vectors are committed)', () => expect(tolerated.length).toBeGreaterThan(0));
  const lenientEach = it.each(tolerated);
  lenientEach('malformed vector $path: --lenient shows it and lists $error.code', async ({ path, error }) => {
    const r = await runCli(['inspect', path, '--lenient', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings.map((w: { code: string }) => w.code)).toContain(error.code);
  });
});

describe('itl inspect without a FILE', () => {
  it('inspects the bundled vector, or says none is bundled', async () => {
    const r = await runCli(['inspect'], { cwd: '/' });
    const bundled = allVectors().some((p) => p === 'vectors/signed/itl-rsa2048-sha1.tlv' || (p.startsWith('vectors/structural/') && p.includes('cucm')));
    if (bundled) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^(ITL|CTL) trust list {2}vectors\//);
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^ERR_IO: no bundled trust list/);
    }
  });
});

describe('itl inspect agrees with vectors/manifest.json', () => {
  const m = manifest();
  const withRecords = goodVectors().filter((p) => m.get(p)?.expect?.records);
  it('finds withRecords to check (the vectors are committed)', () => expect(withRecords.length).toBeGreaterThan(0));
  const each = it.each(withRecords);
  each('%s', async (path) => {
    const exp = m.get(path)!.expect as Record<string, any>;
    const j = JSON.parse((await runCli(['inspect', path, '--json'])).stdout);
    expect(j.kind).toBe(exp.kind);
    expect(j.header.headerLength).toBe(exp.headerLength);
    expect(j.records).toHaveLength(exp.recordCount ?? exp.records.length);
    if (exp.padding !== undefined) expect(j.header.padding).toBe(exp.padding);
    if (exp.signer?.serialNumber) expect(j.header.signer.serialNumber).toBe(exp.signer.serialNumber);
    exp.records.forEach((want: Record<string, any>, i: number) => {
      const got = j.records[i];
      expect(got.offset).toBe(want.offset);
      expect(got.recordLength).toBe(want.length);
      if (want.role !== undefined) expect(got.role.code).toBe(want.role);
      if (want.roleName !== undefined) expect(got.role.name).toBe(want.roleName);
      if (want.serialNumber !== undefined) expect(got.serialNumber).toBe(want.serialNumber);
      if (want.publicKeyLength !== undefined) expect(got.publicKey.length).toBe(want.publicKeyLength);
      if (want.certificateLength !== undefined) expect(got.certificate.length).toBe(want.certificateLength);
      if (want.certificateSha1 !== undefined) expect(got.certificate.sha1).toBe(want.certificateSha1);
      if (want.ipAddress !== undefined) expect(got.ipAddress).toBe(want.ipAddress);
    });
  });
});

describe('itl inspect is safe to run on hostile files', () => {
  it('escapes terminal control sequences and bidi overrides in strings from the file', async () => {
    const d = JSON.parse((await runCli(['decode', '-'], { stdin: inline.bytes })).stdout);
    d.records[0].elements[1].value = 'evil\u001b]0;pwned\u0007\u001b[2J\u202Egnp.exe';
    const bytes = (await runCli(['encode', '-', '-o', '-'], { stdin: JSON.stringify(d) })).stdoutBytes;
    const r = await runCli(['inspect', '-'], { stdin: bytes });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.stdout).toContain('DNS name          evil\\x1b]0;pwned\\x07\\x1b[2J\\u{202e}gnp.exe');
  });
});

describe('itl inspect on other files', () => {
  it('a .sgn file: its header and payload, and how to check its signature', async () => {
    const path = 'vectors/signed/SEP001122334455.cnf.xml.sgn';
    const bytes = readVector(path);
    const r = await runCli(['inspect', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Signed file {2}vectors\/signed\/SEP001122334455\.cnf\.xml\.sgn$/m);
    expect(r.stdout).toMatch(/^ {2}Filename +SEP001122334455\.cnf\.xml\.sgn$/m);
    expect(r.stdout).toMatch(/^ {2}Verifies +not checked: .*itl verify FILE --trust/m);
    expect(r.stdout).toContain(`MD5               ${md5(bytes)}`);
    expect(r.stdout).not.toMatch(/Signer record|^Record /m);
    const json = JSON.parse((await runCli(['inspect', path, '--json'])).stdout);
    expect(json.kind).toBe('SGN');
    expect(json.records).toEqual([]);
    expect(json.payload.offset).toBe(json.header.headerLength);
    expect(json.payload.length).toBe(bytes.length - json.header.headerLength);
    expect(json.payload.sha1).toBe(sha1(bytes.subarray(json.header.headerLength)));
    expect(json.payload.preview.startsWith('<?xml')).toBe(true);
  });

  it('a file whose header is not even readable is still exit 2 with the decoder error', async () => {
    const r = await runCli(['inspect', '-'], { stdin: Uint8Array.of(1, 0, 2, 1) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ERR_TRUNCATED: /);
  });

  it('says whether each signed vector verifies, as itl verify does', async () => {
    for (const [path, verifies] of [
      ['vectors/signed/itl-rsa2048-sha1.tlv', /^ {2}Verifies +yes \(SHA-1\), with record 1 \(SAST, CN=ITLRECOVERY_test-a-pub;/m],
      ['vectors/signed/invalid-itl-wrong-key.tlv', /^ {2}Verifies +NO, SIGNATURE_MISMATCH: /m],
      ['vectors/signed/invalid-itl-signer-not-found.tlv', /^ {2}Verifies +NO, SIGNER_NOT_FOUND: /m],
    ] as const) {
      const r = await runCli(['inspect', path]);
      expect({ path, code: r.code }).toEqual({ path, code: 0 });
      expect(r.stdout).toMatch(verifies);
    }
  });
});
