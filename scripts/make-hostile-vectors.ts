/**
 * Writes the hostile vectors: vectors/hostile/*.tlv|.sgn and vectors/hostile/manifest.json.
 *
 *   npx tsx scripts/make-hostile-vectors.ts              (writes vectors/hostile/)
 *   npx tsx scripts/make-hostile-vectors.ts --check      (regenerates in memory, exits 1 if a byte differs)
 *
 * Three kinds of file:
 *  - bases: small files genuinely signed with the TEST ONLY keys in vectors/keys (RSA PKCS#1 v1.5 is
 *    deterministic and timestamps are fixed, so the bytes never change);
 *  - bypass cases (bypass/): a base tampered with the way an attacker without the key could: bytes
 *    moved, duplicated, removed or replaced, lengths rewritten, a genuine signature re-used in a new
 *    context. Never a signature made over attacker-chosen bytes. Three cases are signed by the
 *    legitimate signer on purpose (a serial written with and without the DER 00 byte): they test
 *    how the verifier matches a signer, not a forgery;
 *  - regressions (regress/): inputs the fuzzer found that once crashed or misbehaved.
 *
 * Every expected outcome in the manifest is written here by hand from format.md and the attack,
 * with the reasoning next to it. The library is NOT consulted: test/hostile/bypass.test.ts checks
 * the library against these expectations.
 *
 * TEST ONLY: every key used here is public. Never use these files on a real cluster or phone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTrustList, signFile, signTrustList, trustListModel, type TrustList } from '../src/index.js';
import { loadSigner, parseCertificate, type LoadedSigner, type ParsedCertificate } from '../src/x509/index.js';
import { concat, findNode, hex, insertFixed, removeFixed, replaceValue, setU16, splice, tlv, walk, type Layout, type Node } from '../test/hostile/lib/tlv.js';
import { REGRESSIONS } from '../test/hostile/lib/regressions.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'vectors/hostile');

/** 2026-02-01T00:00:00Z. */
export const HOSTILE_TIMESTAMP = 1769904000;

/** What must happen to a file. Exactly one of decodeError / verify / json. */
export interface HostileExpect {
  /** Strict decoding (decodeTrustList / decodeSignedFile) throws an ItlError with this code. */
  decodeError?: string;
  /** Otherwise verifyTrustList / verifySignedFile returns this. */
  verify?: { valid: boolean; reason?: string };
  /** A JSON form (format `json`): fromJSON + encodeTrustList finish within a second and give these bytes (hex), or throw this ItlError code. */
  json?: { hex?: string; error?: string };
}

export interface HostileEntry {
  file: string;
  /** `tlv`: a trust list (decodeTrustList / verifyTrustList); `sgn`: a signed file; `json`: a JSON form (fromJSON). */
  format: 'tlv' | 'sgn' | 'json';
  /** Which issue item this covers (bypass cases), or what the file is. */
  category: string;
  /** The genuine file it was made from (vectors/hostile/...). */
  base?: string;
  attack: string;
  /** A real attempt to get a file accepted without the key (false: a control case). */
  bypass: boolean;
  expect: HostileExpect;
  /** Verify with this certificate (package-root path); `.sgn` files have no records of their own. */
  verifyCertificate?: string;
  /** Why the expected outcome is the right one, from first principles. */
  reasoning: string;
  size: number;
  sha256: string;
}

export interface HostileManifest {
  description: string;
  bases: { file: string; format: 'tlv' | 'sgn'; description: string; signer: string; digest: string; size: number; sha256: string }[];
  vectors: HostileEntry[];
}

const keyFile = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'vectors/keys', name)));
const cert = (stem: string): ParsedCertificate => parseCertificate(keyFile(`${stem}.cert.der`));
const signer = (stem: string): Promise<LoadedSigner> => loadSigner(keyFile(`${stem}.cert.pem`), keyFile(`${stem}.key.pem`));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`make-hostile-vectors: ${what} not found`);
  return v;
}

const headerNode = (L: Layout, tag: number): Node => need(findNode(L, 'header', tag), `header tag ${tag}`);
const recordNode = (L: Layout, record: number, tag: number): Node => need(findNode(L, 'record', tag, record), `record ${record} tag ${tag}`);
const bytesOf = (b: Uint8Array, n: Node): Uint8Array => b.slice(n.offset, n.end);
const padNodes = (L: Layout): Node[] => L.nodes.filter((n) => n.ns === 'header' && n.tag === 13 && n.depth === 0);

/** A small ITL, RSA 1024, two records: a certificate-less SAST record (the signer) and an emptied TVS record. */
async function smallItl(s: LoadedSigner, digest: 'sha1' | 'sha256' | 'sha512'): Promise<Uint8Array> {
  const c = s.certificate;
  const list: TrustList = {
    kind: 'ITL',
    header: { version: { major: 1, minor: 2 }, filename: 'ITLFile.tlv', timestamp: HOSTILE_TIMESTAMP, elements: [] },
    records: [
      { subjectName: c.subject.cucm, role: 0, issuerName: c.issuer.cucm, serialNumber: c.serialNumber, publicKey: c.publicKey, elements: [] },
      { dnsName: 'tvs-h', role: 21, ipAddress: '192.0.2.21', elements: [] },
    ],
  };
  return signTrustList(list, s, { digest });
}

export interface Generated {
  files: Map<string, Uint8Array>;
  manifest: HostileManifest;
}

export async function generate(): Promise<Generated> {
  const files = new Map<string, Uint8Array>();
  const a1024 = await signer('rsa1024-a');
  const a2048 = await signer('rsa2048-a');
  const bases: HostileManifest['bases'] = [];
  const addBase = (file: string, format: 'tlv' | 'sgn', bytes: Uint8Array, description: string, who: string, digest: string) => {
    files.set(file, bytes);
    bases.push({ file, format, description, signer: who, digest, size: bytes.length, sha256: sha256(bytes) });
  };

  // ---- bases ------------------------------------------------------------------------------------
  const base = await buildTrustList({
    signer: a1024,
    records: [{ certificate: cert('rsa1024-a'), roles: ['SAST', 'TFTP'], dnsName: 'hostile-pub', ipAddress: '192.0.2.20' }],
    digest: 'sha1',
    timestamp: HOSTILE_TIMESTAMP,
  });
  addBase('base-itl-rsa1024-sha1.tlv', 'tlv', base, 'CUCM layout ITL signed by rsa1024-a (SHA-1): its certificate as a SAST record and as a TFTP record', 'vectors/keys/rsa1024-a.cert.pem', 'sha1');

  const base2048 = await buildTrustList({
    signer: a2048,
    records: [
      { certificate: cert('rsa2048-a'), role: 'SAST', dnsName: 'hostile-pub', ipAddress: '192.0.2.20' },
      { certificate: cert('rsa1024-a'), role: 'TFTP', dnsName: 'hostile-pub', ipAddress: '192.0.2.20' },
    ],
    digest: 'sha1',
    timestamp: HOSTILE_TIMESTAMP,
  });
  addBase('base-itl-rsa2048-sha1.tlv', 'tlv', base2048, 'ITL signed by rsa2048-a, whose serial 81a3... has the high bit set (its DER form carries a 00 sign byte); records SAST rsa2048-a and TFTP rsa1024-a', 'vectors/keys/rsa2048-a.cert.pem', 'sha1');

  const payload = new TextEncoder().encode('<?xml version="1.0"?>\n<device><deviceProtocol>SIP</deviceProtocol><!-- TEST ONLY --></device>\n');
  const sgn = await signFile(payload, a1024, { filename: 'SEP00000000BEEF.cnf.xml.sgn', timestamp: HOSTILE_TIMESTAMP, digest: 'sha1' });
  addBase('base-cnf.xml.sgn', 'sgn', sgn, 'A phone configuration signed by rsa1024-a (the TFTP role of base-itl-rsa1024-sha1.tlv)', 'vectors/keys/rsa1024-a.cert.pem', 'sha1');

  for (const digest of ['sha1', 'sha256', 'sha512'] as const) {
    addBase(`small-rsa1024-${digest}.tlv`, 'tlv', await smallItl(a1024, digest), `The smallest useful signed ITL (RSA 1024, ${digest}, two records: a certificate-less SAST signer record and an emptied TVS record), for flipping every bit`, 'vectors/keys/rsa1024-a.cert.pem', digest);
  }

  // ---- bypass cases -----------------------------------------------------------------------------
  const vectors: HostileEntry[] = [];
  const add = (e: Omit<HostileEntry, 'size' | 'sha256'>, bytes: Uint8Array) => {
    if (files.has(e.file)) throw new Error(`duplicate file ${e.file}`);
    files.set(e.file, bytes);
    vectors.push({ ...e, size: bytes.length, sha256: sha256(bytes) });
  };
  const B = 'base-itl-rsa1024-sha1.tlv';
  const L = walk(base);
  if (!L.clean || L.records.length !== 2) throw new Error('base walk');
  const sig = headerNode(L, 12);
  const sigBytes = bytesOf(base, sig);
  const N = sig.length;
  const pads = padNodes(L);
  const rsa = (reason: string) => ({ verify: { valid: false, reason } });
  const tlvCase = (file: string, category: string, attack: string, expect: HostileExpect, reasoning: string, bytes: Uint8Array, extra: Partial<HostileEntry> = {}) =>
    add({ file: `bypass/${file}`, format: 'tlv', category, base: B, attack, bypass: true, expect, reasoning, ...extra }, bytes);

  // 1. Two SIGNATURE elements.
  tlvCase(
    'two-signatures-copy.tlv',
    'two SIGNATURE elements',
    'The genuine SIGNATURE element is duplicated right after itself; HeaderLength is raised by 3+N so the header still ends on a boundary.',
    rsa('MULTIPLE_SIGNATURES'),
    'The signed range is "the file minus THE signature element" (format.md §5): with two there is no single answer, and a phone may cut another one than we do. The verifier must refuse before any RSA check rather than pick one.',
    insertFixed(base, sig.end, sigBytes, L),
  );
  tlvCase(
    'two-signatures-forged-first.tlv',
    'two SIGNATURE elements',
    'A forged SIGNATURE (0xA5 bytes, same length) is inserted before the genuine one; HeaderLength raised to match.',
    rsa('MULTIPLE_SIGNATURES'),
    'A verifier that took the last SIGNATURE would find the genuine signature still over "the file minus that element" only if it also ignored the forged one; a phone taking the first would see the forgery. Refusing any file with two is the only reading both agree on.',
    insertFixed(base, sig.offset, tlv(12, new Uint8Array(N).fill(0xa5)), L),
  );

  // 2. A signature element outside the header.
  {
    // Into container 7 (still in the header, but nested): 7 grows by 3+N, HeaderLength ends where it was.
    const noSig = removeFixed(base, sig.offset, sig.end - sig.offset, L);
    const L2 = walk(noSig);
    const c7b = headerNode(L2, 7);
    const b = splice(noSig, c7b.end, 0, sigBytes);
    setU16(b, c7b.offset + 1, c7b.length + sigBytes.length);
    setU16(b, 8, L.headerLength);
    tlvCase(
      'signature-inside-container-7.tlv',
      'a signature element outside the header top level',
      'The SIGNATURE element is moved into container 7 (SIGNATURE_INFO); its length grows by 3+N and HeaderLength is unchanged.',
      rsa('SIGNATURE_MISPLACED'),
      'Every producer writes SIGNATURE at the top level right after container 7, and format.md §2 says it is not inside 7. A nested SIGNATURE is a file no signer makes; whether a phone would find it is unknown, so the verifier refuses it by position before any RSA check.',
      b,
    );
  }
  {
    const noSig = removeFixed(base, sig.offset, sig.end - sig.offset, L);
    const Ln = walk(noSig);
    const r0 = Ln.records[0]!;
    tlvCase(
      'signature-in-record-as-tag-12.tlv',
      'a signature element outside the header',
      'The SIGNATURE element is cut from the header (HeaderLength lowered by 3+N) and appended to record 0 (RECORDLENGTH raised).',
      { decodeError: 'ERR_VALUE_LENGTH' },
      'Tag 12 means SIGNATURE only in the header namespace; in a record it is HASH_ALGORITHM, a 1-byte field (format.md §4.1). A 128-byte value there is a structural lie that strict decoding refuses, so nothing is ever verified. (Were it tolerated, the header would have no SIGNATURE: NO_SIGNATURE.)',
      insertFixed(noSig, r0.end, sigBytes, Ln),
    );
    const asRecordSig = sigBytes.slice();
    asRecordSig[0] = 8;
    tlvCase(
      'signature-in-record-as-tag-8.tlv',
      'a signature element outside the header',
      'As above, but the moved element is re-tagged 8 (a record SIGNATURE, the certificate\'s own signature field), so the record decodes.',
      rsa('NO_SIGNATURE'),
      'Record tag 8 is the certificate signature value (format.md §4.1), a second one is kept as a raw duplicate. The header, the only place a file signature lives, has none: NO_SIGNATURE. The signature bytes are never used.',
      insertFixed(noSig, r0.end, asRecordSig, Ln),
    );
    tlvCase(
      'signature-after-last-record.tlv',
      'a signature element outside the header',
      'The SIGNATURE element is cut from the header (HeaderLength lowered) and appended after the last record.',
      { decodeError: 'ERR_RECORD_START' },
      'After the header the body is a sequence of records, each starting with RECORDLENGTH (tag 1, length 2; format.md §4.2). Bytes starting with tag 12 there are not a record: strict decoding refuses the file.',
      concat(noSig, sigBytes),
    );
  }

  // 3. The header's signer serial naming a non-SAST record.
  {
    const fn = recordNode(L, 0, 4);
    const b = base.slice();
    setU16(b, fn.offset + 3, 3); // FUNCTION SAST -> TFTP
    tlvCase(
      'signer-names-only-tftp-records.tlv',
      "the header's signer serial naming a non-SAST record",
      "Record 0 (SAST) has its FUNCTION changed to 3 (TFTP): both records carrying the signer's serial are now TFTP records.",
      rsa('SIGNER_NOT_SAST'),
      'Only a SAST record may vouch for a trust list signature (format.md §5, §6.2). The serial and issuer match, but no matching record has an allowed role: the file is refused before RSA. (Verifying with roles [TFTP] would reach RSA and fail with SIGNATURE_MISMATCH, since FUNCTION is signed.)',
      b,
    );
  }

  // 4. A SAST record with the matching serial but another key.
  const other = cert('rsa1024-b');
  let impostor = base;
  for (const tag of [9, 8, 7] as const) {
    const Lb = walk(impostor);
    const value = tag === 9 ? other.der : tag === 8 ? other.signature : other.publicKey;
    impostor = replaceValue(impostor, recordNode(Lb, 0, tag), value, Lb);
  }
  tlvCase(
    'sast-record-other-key.tlv',
    'a SAST record with the matching serial but another key',
    "Record 0 keeps the signer's subject, issuer and serial, but its PUBLICKEY, certificate SIGNATURE and CERTIFICATE are replaced by those of rsa1024-b (also 1024 bits).",
    rsa('SIGNATURE_MISMATCH'),
    'The serial and issuer only name the signer; the key decides. The record is a SAST record with a 1024-bit key, so every structural check passes, and the genuine signature does not verify under the other key: SIGNATURE_MISMATCH.',
    impostor,
  );
  {
    const ri = walk(impostor).records[0]!;
    tlvCase(
      'second-sast-record-other-key.tlv',
      'a SAST record with the matching serial but another key',
      "A copy of record 0 with rsa1024-b's key (but the signer's serial, issuer and subject) is inserted as the first record; the genuine records follow.",
      rsa('SIGNATURE_MISMATCH'),
      'Two SAST records now match the signer; the verifier tries each. The impostor key does not verify the genuine signature, and the genuine key does not either, because the inserted record is part of the signed bytes. No candidate verifies: SIGNATURE_MISMATCH.',
      splice(base, L.headerLength, 0, impostor.slice(ri.offset, ri.end)),
    );
  }

  // 5. The digest code changed after signing.
  {
    const d = headerNode(L, 8);
    const withCode = (code: number) => {
      const b = base.slice();
      b[d.offset + 3] = code;
      return b;
    };
    tlvCase('digest-sha1-to-sha512.tlv', 'the digest code changed after signing', 'DIGEST_ALGORITHM (tag 8) changed from 1 (SHA-1) to 3 (SHA-512).', rsa('SIGNATURE_MISMATCH'), 'The PKCS#1 v1.5 signature embeds the SHA-1 DigestInfo; checked as SHA-512 it cannot match, and the digest byte itself is signed. Both are supported digests, so the check reaches RSA: SIGNATURE_MISMATCH.', withCode(3));
    tlvCase('digest-sha1-to-sha256.tlv', 'the digest code changed after signing', 'DIGEST_ALGORITHM changed from 1 (SHA-1) to 2 (SHA-256).', rsa('SIGNATURE_MISMATCH'), 'As for SHA-512: a supported digest, a DigestInfo that does not match: SIGNATURE_MISMATCH.', withCode(2));
    tlvCase('digest-unknown-code.tlv', 'the digest code changed after signing', 'DIGEST_ALGORITHM changed from 1 to 4 (SHA-512 in certutils\' withdrawn 2020 table, format.md §10).', rsa('UNSUPPORTED_DIGEST'), 'Code 4 is no digest the format defines today (§3.1, §10); a verifier must not guess one. Refused before RSA: UNSUPPORTED_DIGEST.', withCode(4));
    const wide = replaceValue(base, d, Uint8Array.of(0, 1), L);
    tlvCase('digest-two-bytes.tlv', 'the digest code changed after signing', 'DIGEST_ALGORITHM rewritten as two bytes 00 01 (container 7 and HeaderLength fixed).', { decodeError: 'ERR_VALUE_LENGTH' }, 'DIGEST_ALGORITHM is a 1-byte field (§3.1). A reader that took the last byte would see SHA-1, one that took the first would see 0: strict decoding refuses the ambiguity.', wide);
  }

  // 6. A modulus code that does not match the signature length.
  {
    const m = headerNode(L, 11);
    const withModulus = (code: number) => {
      const b = base.slice();
      b[m.offset + 3] = code;
      return b;
    };
    tlvCase('modulus-code-2048.tlv', 'a modulus code that does not match the signature length', 'SIGNATURE_MODULUS changed from 1 (128 bytes) to 2 (256 bytes); the signature stays 128 bytes.', rsa('MODULUS_MISMATCH'), 'Tag 11 must describe the signature that follows (§3.1). A file whose size code and signature length disagree is refused before RSA.', withModulus(2));
    tlvCase('modulus-code-unknown.tlv', 'a modulus code that does not match the signature length', 'SIGNATURE_MODULUS changed to 9, a code with no size.', rsa('MODULUS_MISMATCH'), 'Codes 0..3 are the only sizes defined (§3.1). An unknown code names no size, so it cannot match the 128-byte signature.', withModulus(9));
    let b = replaceValue(base, sig, concat(new Uint8Array(N), sigBytes.subarray(3)), L);
    b[headerNode(walk(b), 11).offset + 3] = 2;
    tlvCase('signature-zero-extended.tlv', 'a modulus code that does not match the signature length', 'The genuine 128-byte signature is left-padded with 128 zero bytes to 256 and SIGNATURE_MODULUS set to 2, so the code and the length agree.', rsa('MODULUS_MISMATCH'), 'Numerically the padded signature is the same integer; a lenient RSA implementation would accept it. The signer key is 1024 bits, so a signature must be exactly 128 bytes: refused on the key size before RSA.', b);
    let t = replaceValue(base, sig, sigBytes.slice(3, 3 + 64), L);
    t[headerNode(walk(t), 11).offset + 3] = 0;
    tlvCase('signature-truncated-to-64.tlv', 'a modulus code that does not match the signature length', 'The signature is cut to its first 64 bytes and SIGNATURE_MODULUS set to 0 (64 bytes): code and length agree, the key does not.', rsa('MODULUS_MISMATCH'), 'A 64-byte signature cannot come from the 1024-bit signer key: refused on the key size.', t);
  }

  // 7. HeaderLength moved so that bytes fall outside the signed range.
  {
    const b = base.slice();
    setU16(b, 8, L.headerLength - pads.length);
    tlvCase(
      'header-length-excludes-padding.tlv',
      'HeaderLength moved so that bytes fall outside the signed range',
      `HeaderLength lowered by ${pads.length} so the padding bytes are no longer in the header.`,
      { decodeError: 'ERR_RECORD_START' },
      'The body must start with a record (tag 1, length 2). The 0x0D padding bytes that now lead the body are not a record: strict decoding refuses the file. The signed range never depends on HeaderLength anyway (the whole file minus the SIGNATURE element, §5), so no byte can be moved "outside" it.',
      b,
    );
    const r0 = L.records[0]!;
    const grown = base.slice();
    setU16(grown, 8, L.headerLength + r0.length);
    tlvCase(
      'header-length-swallows-record.tlv',
      'HeaderLength moved so that bytes fall outside the signed range',
      'HeaderLength raised by the length of record 0, so the first record is read as header elements.',
      { decodeError: 'ERR_OVERRUN' },
      "Record 0 re-read as header elements: 01 (len 2) and 02 (DNS name) pass as header tags 1 and 2, then record tag 3 (SUBJECT_NAME) is header tag 3, a container; its DN text read as nested elements ('C', then a length from 'N=' = 20029) runs past the container: ERR_OVERRUN.",
      grown,
    );
  }

  // 8. Records appended after signing.
  {
    const otherRecord = await buildTrustList({ signer: await signer('rsa1024-b'), records: [{ certificate: other, role: 'SAST' }], timestamp: HOSTILE_TIMESTAMP });
    const Lo = walk(otherRecord);
    const attackerRecord = otherRecord.slice(Lo.records[0]!.offset, Lo.records[0]!.end);
    tlvCase('record-appended.tlv', 'records appended after signing', "A SAST record for rsa1024-b (the attacker's certificate) is appended after the last record.", rsa('SIGNATURE_MISMATCH'), 'The signature covers every byte to EOF except the SIGNATURE element (§5); there is no record count to fool, and an appended record is part of the signed range: SIGNATURE_MISMATCH.', concat(base, attackerRecord));
    tlvCase('record-appended-copy.tlv', 'records appended after signing', 'The genuine record 1 (TFTP) is appended again, byte for byte.', rsa('SIGNATURE_MISMATCH'), 'Even a genuine record changes the signed range when repeated: SIGNATURE_MISMATCH.', concat(base, base.subarray(L.records[1]!.offset, L.records[1]!.end)));
    tlvCase('one-byte-appended.tlv', 'records appended after signing', 'One byte (0x01) appended after the last record.', { decodeError: 'ERR_TRUNCATED' }, 'A lone 0x01 starts a RECORDLENGTH element whose length bytes are missing: the input ends inside an element, ERR_TRUNCATED.', concat(base, Uint8Array.of(1)));
  }

  // 9. An element hidden in padding: base-itl-rsa2048-sha1.tlv ends its header with three 0x0D bytes,
  // exactly the size of an empty element, so HeaderLength does not change.
  {
    const Lp = walk(base2048);
    const run = padNodes(Lp);
    if (run.length !== 3) throw new Error(`base-itl-rsa2048-sha1.tlv has ${run.length} pad bytes, expected 3`);
    const hide = (element: Uint8Array): Uint8Array => splice(base2048, run[0]!.offset, 3, element);
    const padCase = (file: string, attack: string, expect: HostileExpect, reasoning: string, bytes: Uint8Array) =>
      add({ file: `bypass/${file}`, format: 'tlv', category: 'an element hidden in padding', base: 'base-itl-rsa2048-sha1.tlv', attack, bypass: true, expect, reasoning }, bytes);
    const how = 'replaces the three 0x0D padding bytes at the end of the header (HeaderLength unchanged)';
    padCase('padding-hides-signature.tlv', `An empty SIGNATURE element (0C 00 00) ${how}.`, rsa('MULTIPLE_SIGNATURES'), 'Padding is a run of single 0x0D bytes (§2); anything else there is an element like any other. A parser that skipped the rest of the header as "padding" would miss it, ours reads it: the header now has two SIGNATURE elements.', hide(Uint8Array.of(12, 0, 0)));
    padCase('padding-hides-serial.tlv', `An empty SERIAL_NUMBER element (05 00 00) ${how}.`, rsa('DUPLICATE_ELEMENT'), 'Two SERIAL_NUMBER elements: readers taking the first or the last would look for different signers. Signer-naming elements must be unique: DUPLICATE_ELEMENT, before any lookup.', hide(Uint8Array.of(5, 0, 0)));
    padCase('padding-hides-filename.tlv', `An empty FILENAME element (0E 00 00) ${how}.`, rsa('SIGNATURE_MISMATCH'), 'A second FILENAME does not name a signer, so the file reaches RSA, and the padding bytes are signed like every other byte: SIGNATURE_MISMATCH.', hide(Uint8Array.of(14, 0, 0)));
    padCase('padding-hides-unknown-tag.tlv', `An empty element with the unknown tag 29 (1D 00 00) ${how}.`, rsa('SIGNATURE_MISMATCH'), 'Unknown tags are kept, not fatal (design §3); the padding bytes are signed: SIGNATURE_MISMATCH.', hide(Uint8Array.of(29, 0, 0)));
    padCase('padding-hides-signer-version.tlv', `A SIGNER_VERSION element (1C 00 00, empty) ${how}.`, { decodeError: 'ERR_VALUE_LENGTH' }, 'SIGNER_VERSION is a 2-byte field (§3.1); an empty one is a wrong-size value that strict decoding refuses.', hide(Uint8Array.of(28, 0, 0)));
  }

  // 10. A RECORDLENGTH overlapping the next record.
  {
    const [r0, r1] = L.records as [(typeof L.records)[0], (typeof L.records)[0]];
    const withLength = (v: number) => {
      const b = base.slice();
      setU16(b, r0.offset + 3, v);
      return b;
    };
    tlvCase('record-length-swallows-next.tlv', 'a RECORDLENGTH overlapping the next record', 'Record 0\'s RECORDLENGTH raised by the length of record 1, so record 1 is read as elements of record 0.', rsa('SIGNATURE_MISMATCH'), "Record 1's elements are well formed, so they decode as duplicate elements of record 0 (kept raw; the first of each tag counts). One record now, still naming the signer as SAST; but RECORDLENGTH is signed: SIGNATURE_MISMATCH. Records are read one after the other, so two records can never share bytes.", withLength(r0.length + r1.length));
    tlvCase('record-length-plus-5.tlv', 'a RECORDLENGTH overlapping the next record', "Record 0's RECORDLENGTH raised by 5: it takes the next record's RECORDLENGTH element.", { decodeError: 'ERR_RECORD_START' }, "Record 0 ends after swallowing 01 00 02 LL LL (a well-formed 5-byte element); the next record would start with record 1's DNS_NAME (tag 2), not RECORDLENGTH: ERR_RECORD_START.", withLength(r0.length + 5));
    tlvCase('record-length-plus-1.tlv', 'a RECORDLENGTH overlapping the next record', "Record 0's RECORDLENGTH raised by 1, ending inside the next record's first element.", { decodeError: 'ERR_OVERRUN' }, 'The element after record 0\'s last one would start at the old boundary and needs 3 bytes, but the record ends after 1: it runs past its record, ERR_OVERRUN.', withLength(r0.length + 1));
    tlvCase('record-length-minus-1.tlv', 'a RECORDLENGTH overlapping the next record', "Record 0's RECORDLENGTH lowered by 1, so its last element sticks out.", { decodeError: 'ERR_OVERRUN' }, "Record 0's last element (IP_ADDRESS) now runs one byte past the record end: ERR_OVERRUN. (Lenient decoding keeps the rest as trailing bytes.)", withLength(r0.length - 1));
    tlvCase('record-length-zero.tlv', 'a RECORDLENGTH overlapping the next record', "Record 0's RECORDLENGTH set to 0.", { decodeError: 'ERR_RECORD_LENGTH' }, 'RECORDLENGTH counts its own 5 bytes (§4.2): below 5 is impossible and would make a reader loop in place: ERR_RECORD_LENGTH.', withLength(0));
    tlvCase('record-length-max.tlv', 'a RECORDLENGTH overlapping the next record', "Record 0's RECORDLENGTH set to 65535, past the end of the file.", { decodeError: 'ERR_RECORD_LENGTH' }, 'The record would run past EOF: ERR_RECORD_LENGTH.', withLength(0xffff));
  }

  // 11. A certificate whose public key differs from the record's PUBLICKEY.
  {
    tlvCase('publickey-differs-from-certificate.tlv', "a certificate whose public key differs from the record's PUBLICKEY", "Record 0's PUBLICKEY is replaced by rsa1024-b's RSAPublicKey (same length); its CERTIFICATE is the genuine signer's.", rsa('KEY_MISMATCH'), 'A phone may verify with PUBLICKEY while we use the certificate (or the other way round). A record whose two key fields disagree must not vouch for anything, whichever would verify: KEY_MISMATCH, before RSA.', replaceValue(base, recordNode(L, 0, 7), other.publicKey, L));
    tlvCase('certificate-differs-from-publickey.tlv', "a certificate whose public key differs from the record's PUBLICKEY", "Record 0's CERTIFICATE is replaced by rsa1024-b's certificate (RECORDLENGTH fixed); its PUBLICKEY stays the genuine signer's.", rsa('KEY_MISMATCH'), 'The same disagreement the other way round: the record\'s PUBLICKEY would verify the genuine signature if the certificate were ignored. KEY_MISMATCH, before RSA.', replaceValue(base, recordNode(L, 0, 9), other.der, L));
  }

  // 12. A signer serial with and without a leading 00 byte.
  {
    const c = cert('rsa2048-a');
    const withZero = concat(Uint8Array.of(0), c.serialNumber);
    const model = (recordSerial: Uint8Array): TrustList => {
      const list = trustListModel({
        signer: a2048,
        records: [
          { certificate: c, role: 'SAST', dnsName: 'hostile-pub', ipAddress: '192.0.2.20' },
          { certificate: cert('rsa1024-a'), role: 'TFTP', dnsName: 'hostile-pub', ipAddress: '192.0.2.20' },
        ],
        timestamp: HOSTILE_TIMESTAMP,
      });
      list.records[0]!.serialNumber = recordSerial;
      return list;
    };
    const signerInfo = (serial: Uint8Array) => ({ name: c.subject.cucm, serialNumber: serial, issuerName: c.issuer.cucm });
    const B2 = 'base-itl-rsa2048-sha1.tlv';
    // The first three are signed by the legitimate signer (bypass=false): they pin down how the
    // verifier matches a signer, which decides what a phone can be made to trust. The last two
    // are the attacker's versions: the genuine file with a 00 byte inserted.
    const serialCase = (file: string, attack: string, expect: HostileExpect, reasoning: string, bytes: Uint8Array, bypass = true) =>
      add({ file: `bypass/${file}`, format: 'tlv', category: 'a signer serial with and without a leading 00 byte', base: B2, attack, bypass, expect, reasoning }, bytes);
    const same = 'Serials are opaque bytes compared byte for byte (format.md §4.4 "store serials as opaque bytes and compare bytes"; certutils compares hex strings; TVS keys certificates by the serial string). ';
    serialCase(
      'serial-header-00-record-magnitude.tlv',
      'Signed by the genuine signer, but the header SERIAL_NUMBER is written with the DER sign byte (00 81 a3 ...) while the SAST record stores the magnitude (81 a3 ...). (Legitimately signed: this tests signer matching, not a forgery.)',
      rsa('SIGNER_NOT_FOUND'),
      same + 'The header names 00 81.., no record has those bytes: SIGNER_NOT_FOUND. A phone comparing bytes would not find the signer either, so accepting it would promise what phones do not do.',
      await signTrustList(model(c.serialNumber), a2048, { signerInfo: signerInfo(withZero), digest: 'sha1' }),
      false,
    );
    serialCase(
      'serial-header-magnitude-record-00.tlv',
      'Signed by the genuine signer; the header names the magnitude 81 a3 ..., the SAST record stores 00 81 a3 .... (Legitimately signed.)',
      rsa('SIGNER_NOT_FOUND'),
      same + 'The mirror image: no record holds the header\'s bytes: SIGNER_NOT_FOUND.',
      await signTrustList(model(withZero), a2048, { signerInfo: signerInfo(c.serialNumber), digest: 'sha1' }),
      false,
    );
    serialCase(
      'serial-both-00.tlv',
      'Control: signed by the genuine signer with 00 81 a3 ... in the header AND in the SAST record.',
      { verify: { valid: true } },
      same + 'Consistent bytes find the record, whose certificate key verifies the genuine signature: valid. (Not a bypass: the signer wrote every byte.)',
      await signTrustList(model(withZero), a2048, { signerInfo: signerInfo(withZero), digest: 'sha1' }),
      false,
    );
    const L2 = walk(base2048);
    const hs = headerNode(L2, 5);
    const tampered = insertFixed(base2048, hs.offset + 3, Uint8Array.of(0), L2);
    setU16(tampered, hs.offset + 1, hs.length + 1);
    serialCase(
      'serial-00-inserted-in-header.tlv',
      'The genuine file with a 00 byte inserted in front of the header SERIAL_NUMBER (its length, container 3 and HeaderLength fixed).',
      rsa('SIGNER_NOT_FOUND'),
      same + 'The header now names 00 81.., which no record holds: SIGNER_NOT_FOUND (and the change is signed: were the signer found, SIGNATURE_MISMATCH).',
      tampered,
    );
    let both = tampered;
    const Lt = walk(both);
    const rs = recordNode(Lt, 0, 6);
    both = replaceValue(both, rs, concat(Uint8Array.of(0), both.subarray(rs.offset + 3, rs.end)), Lt);
    serialCase(
      'serial-00-inserted-in-header-and-record.tlv',
      'The genuine file with a 00 byte inserted in front of the serial in the header and in the SAST record (all lengths fixed).',
      rsa('SIGNATURE_MISMATCH'),
      same + 'Header and record agree again, so the signer is found, but both serials are signed bytes: SIGNATURE_MISMATCH.',
      both,
    );
  }

  // More: signer naming, algorithm, re-used signatures, relocation.
  {
    const c3 = headerNode(L, 3);
    const s5 = headerNode(L, 5);
    tlvCase('signer-info-two-serials.tlv', 'signer naming', "A second SERIAL_NUMBER (rsa1024-b's serial) is inserted first in container 3 (lengths fixed).", rsa('DUPLICATE_ELEMENT'), 'Readers taking the first or the last SERIAL_NUMBER would look for different signers; the verifier refuses duplicates of every signer-naming element.', insertFixed(base, s5.offset, tlv(5, other.serialNumber), L));
    tlvCase('signer-info-removed.tlv', 'signer naming', 'Container 3 (SIGNER_INFO) is removed (HeaderLength lowered).', rsa('NO_SIGNER_INFO'), 'Without a signer serial there is nothing to look up in the records (§5): NO_SIGNER_INFO.', removeFixed(base, c3.offset, c3.end - c3.offset, L));
    const issuer = headerNode(L, 6);
    const newIssuer = new TextEncoder().encode(`${other.issuer.cucm}\0`);
    tlvCase('signer-issuer-changed.tlv', 'signer naming', "The header's CANAME (issuer) is replaced by rsa1024-b's issuer (lengths fixed).", rsa('SIGNER_NOT_FOUND'), 'A signer is named by serial AND issuer (the TVS key is serial + issuer, format.md Appendix C). No record has this serial with that issuer: SIGNER_NOT_FOUND.', replaceValue(base, issuer, newIssuer, L));
    const alg = headerNode(L, 10);
    const a = base.slice();
    a[alg.offset + 3] = 1;
    tlvCase('signature-algorithm-1.tlv', 'algorithm', 'SIGNATURE_ALGORITHM (tag 10) changed from 0 to 1.', rsa('UNSUPPORTED_ALGORITHM'), 'Only 0 (RSASSA-PKCS1-v1_5) is documented (§3.1). Another value might mean PSS or ECDSA to some reader; verifying it as PKCS#1 v1.5 would be a guess: UNSUPPORTED_ALGORITHM.', a);
  }
  {
    // Re-use the genuine signature in another genuine-looking file: the same records signed at another time.
    const later = await buildTrustList({
      signer: a1024,
      records: [{ certificate: cert('rsa1024-a'), roles: ['SAST', 'TFTP'], dnsName: 'hostile-pub', ipAddress: '192.0.2.20' }],
      digest: 'sha1',
      timestamp: HOSTILE_TIMESTAMP + 86400,
    });
    const Ll = walk(later);
    const ls = headerNode(Ll, 12);
    const b = later.slice();
    b.set(sigBytes.subarray(3), ls.offset + 3);
    tlvCase('signature-replayed-on-newer-file.tlv', 'a genuine signature re-used in a new context', "base's genuine signature placed on the same list with a TIMESTAMP one day later (the signature element swapped byte for byte).", rsa('SIGNATURE_MISMATCH'), 'The signature covers TIMESTAMP (§5); over other bytes it does not verify: SIGNATURE_MISMATCH.', b);
    const sgnL = walk(sgn, { records: false });
    const sgnSig = headerNode(sgnL, 12);
    const c = base.slice();
    c.set(sgn.subarray(sgnSig.offset + 3, sgnSig.end), sig.offset + 3);
    tlvCase('signature-from-sgn-on-itl.tlv', 'a genuine signature re-used in a new context', "The signature of base-cnf.xml.sgn (same key, same digest) placed on base's ITL.", rsa('SIGNATURE_MISMATCH'), 'The signature is over the .sgn header and payload, not over this ITL: SIGNATURE_MISMATCH.', c);
  }
  {
    // Control: the SIGNATURE element moved to another top-level position of the header.
    const ts = headerNode(L, 15);
    const moved = concat(base.subarray(0, sig.offset), base.subarray(sig.end, ts.end), sigBytes, base.subarray(ts.end));
    tlvCase('signature-relocated-after-timestamp.tlv', 'control: the SIGNATURE element moved within the header', 'The genuine SIGNATURE element is moved from after container 7 to after TIMESTAMP, still at the header top level. Lengths unchanged.', { verify: { valid: true } }, 'The signed message is "the file minus the SIGNATURE element" (§5), wherever it sits; cutting it out of the moved file gives exactly the bytes that were signed. Nothing the signer wrote changed, so this is valid, not a bypass, and the fuzzer\'s "valid only if untampered" checks the signed bytes, not the element order.', moved, { bypass: false });
  }

  // .sgn cases.
  {
    const SB = 'base-cnf.xml.sgn';
    const Ls = walk(sgn, { records: false });
    const ssig = headerNode(Ls, 12);
    const sgnCase = (file: string, category: string, attack: string, expect: HostileExpect, reasoning: string, bytes: Uint8Array) =>
      add({ file: `bypass/${file}`, format: 'sgn', category, base: SB, attack, bypass: true, expect, reasoning, verifyCertificate: 'vectors/keys/rsa1024-a.cert.der' }, bytes);
    const noSig = removeFixed(sgn, ssig.offset, ssig.end - ssig.offset, Ls);
    sgnCase('sgn-signature-in-payload.sgn', 'a signature element outside the header', 'The SIGNATURE element is cut from the header (HeaderLength lowered) and appended to the payload.', rsa('NO_SIGNATURE'), 'The payload of a .sgn file is opaque (§8): a tag-12 byte there is payload, not an element. The header has no SIGNATURE: NO_SIGNATURE.', concat(noSig, ssig && sgn.slice(ssig.offset, ssig.end)));
    sgnCase('sgn-payload-appended.sgn', 'records appended after signing', 'Bytes appended to the payload.', rsa('SIGNATURE_MISMATCH'), 'The signature covers the payload to EOF (§8): SIGNATURE_MISMATCH.', concat(sgn, new TextEncoder().encode('<!-- appended -->')));
    const ts = headerNode(Ls, 14);
    const shrunk = sgn.slice();
    setU16(shrunk, 8, ts.offset);
    sgnCase('sgn-header-length-shrunk.sgn', 'HeaderLength moved so that bytes fall outside the signed range', 'HeaderLength lowered so FILENAME, TIMESTAMP and padding become the start of the payload (the header still ends on an element boundary).', rsa('SIGNATURE_MISMATCH'), 'The header still decodes, and the payload is opaque, so the file decodes. But the signed range does not depend on HeaderLength (the file minus the SIGNATURE element) and HeaderLength itself is signed: SIGNATURE_MISMATCH.', shrunk);
    const grown = sgn.slice();
    setU16(grown, 8, Ls.headerLength + 8);
    sgnCase('sgn-header-length-grown.sgn', 'HeaderLength moved so that bytes fall outside the signed range', 'HeaderLength raised by 8 so the start of the payload ("<?xml ve") is read as header elements.', { decodeError: 'ERR_HEADER_LENGTH' }, "'<' (tag 60) is read with the length '?x' = 16248, far past the new header end: the header does not end on an element boundary, ERR_HEADER_LENGTH.", grown);
  }

  // ---- regressions found by the fuzzer ------------------------------------------------------------
  for (const r of REGRESSIONS) {
    add({ file: `regress/${r.file}`, format: r.format, category: 'regression', attack: r.what, bypass: false, expect: r.expect, reasoning: r.reasoning, ...(r.verifyCertificate && { verifyCertificate: r.verifyCertificate }) }, r.bytes());
  }

  const manifest: HostileManifest = {
    description:
      'Hostile vectors for itl-codec (TEST ONLY keys; never use on a real cluster or phone). bases: genuinely signed files the attacks start from. vectors: each file, the attack, and its exact expected outcome (decodeError: the ItlError code strict decoding throws; verify: what verifyTrustList / verifySignedFile returns, with verifyCertificate for .sgn files), decided from format.md and the attack, with the reasoning. bypass=false marks control cases and regressions. Regenerate: npx tsx scripts/make-hostile-vectors.ts; test/hostile/bypass.test.ts checks every entry.',
    bases,
    vectors,
  };
  return { files, manifest };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { files, manifest } = await generate();
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (check) {
    let bad = 0;
    for (const [name, bytes] of files) {
      let old: Uint8Array | undefined;
      try {
        old = new Uint8Array(readFileSync(join(OUT, name)));
      } catch {
        old = undefined;
      }
      if (!old || hex(old) !== hex(bytes)) {
        console.error(`differs: vectors/hostile/${name}`);
        bad++;
      }
    }
    if (readFileSync(join(OUT, 'manifest.json'), 'utf8') !== text) {
      console.error('differs: vectors/hostile/manifest.json');
      bad++;
    }
    process.exit(bad ? 1 : 0);
  }
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(OUT, name)), { recursive: true });
    writeFileSync(join(OUT, name), bytes);
  }
  writeFileSync(join(OUT, 'manifest.json'), text);
  console.log(`wrote ${files.size} files and manifest.json (${manifest.vectors.length} vectors) to vectors/hostile/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
