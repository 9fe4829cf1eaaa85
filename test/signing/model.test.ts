/**
 * Built files decode back to the model they were built from: roles (one record per role), names
 * in CUCM style vs certutils style, serial magnitude, public key, certificate signature and DER,
 * DNS name, IP, header fields, and the element order of each layout.
 */
import { describe, expect, it } from '@jest/globals';
import { buildTrustList, decodeTrustList, ROLES, trustListModel, verifyTrustList, type BuildOptions, type Layout, type TrustRecord } from '../../src/index.js';
import type { ParsedCertificate } from '../../src/x509/index.js';
import { cert, hex, signer } from './helpers.js';

const T = 1767225600;

function layoutOf(elements: readonly { tag: number; children?: { tag: number; children?: unknown[] }[] }[]): string {
  return elements.map((e) => (e.children ? `${e.tag}{${layoutOf(e.children as never)}}` : String(e.tag))).join(',');
}

/** The typed fields of a record, as comparable values. */
function typed(r: TrustRecord) {
  return {
    role: r.role,
    dnsName: r.dnsName,
    subjectName: r.subjectName,
    issuerName: r.issuerName,
    serialNumber: r.serialNumber && hex(r.serialNumber),
    publicKey: r.publicKey && hex(r.publicKey),
    signature: r.signature && hex(r.signature),
    certificate: r.certificate && hex(r.certificate),
    ipAddress: r.ipAddress,
  };
}

async function build(layout: Layout, extra: Partial<BuildOptions> = {}) {
  const s = await signer('rsa2048-a');
  const certs = { itlRecovery: s.certificate as ParsedCertificate, callManager: cert('rsa1024-a'), capf: cert('rsa4096-a'), tvs: cert('ec384-a'), tomcat: cert('leaf-a') };
  const options: BuildOptions = {
    kind: 'ITL',
    signer: s,
    layout,
    records: [
      { certificate: certs.itlRecovery, role: 'SAST', dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { certificate: certs.callManager, roles: ['SAST', 'CCM+TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { certificate: certs.capf, role: ROLES.CAPF },
      { certificate: certs.tvs, role: 'tvs', dnsName: 'test-a-sub1', ipAddress: '192.0.2.11' },
      { certificate: certs.tomcat, role: 'APP-SERVER' },
    ],
    digest: 'sha512',
    timestamp: T,
    ...extra,
  };
  const bytes = await buildTrustList(options);
  return { bytes, list: decodeTrustList(bytes), model: trustListModel(options), certs, options };
}

describe.each(['cucm', 'certutils'] as Layout[])('a %s-layout ITL decodes back to its model', (layout) => {
  it('records: one per role, in spec order, with every typed field as built', async () => {
    const { list, model, certs } = await build(layout);
    expect(list.records.map((r) => r.role)).toEqual([ROLES.SAST, ROLES.SAST, ROLES['CCM+TFTP'], ROLES.CAPF, ROLES.TVS, ROLES['APP-SERVER']]);
    expect(list.records.map(typed)).toEqual(model.records.map(typed));
    // The two records of the CallManager certificate differ only in their role.
    expect({ ...typed(list.records[1]!), role: 0 }).toEqual({ ...typed(list.records[2]!), role: 0 });

    const fromCert = (c: ParsedCertificate, r: TrustRecord) => ({
      subjectName: r.subjectName,
      issuerName: r.issuerName,
      serialNumber: hex(r.serialNumber!),
      publicKey: hex(r.publicKey!),
      signature: hex(r.signature!),
      certificate: hex(r.certificate!),
      want: {
        subjectName: c.subject[layout],
        issuerName: c.issuer[layout],
        serialNumber: hex(c.serialNumber),
        publicKey: hex(c.publicKey),
        signature: hex(c.signature),
        certificate: hex(c.der),
      },
    });
    for (const [c, r] of [
      [certs.itlRecovery, list.records[0]!],
      [certs.callManager, list.records[1]!],
      [certs.capf, list.records[3]!],
      [certs.tvs, list.records[4]!],
      [certs.tomcat, list.records[5]!],
    ] as const) {
      const { want, ...got } = fromCert(c, r);
      expect(got).toEqual(want);
    }
  });

  it('names: CUCM `;`-joined in fixed CN,OU,O,L,ST,C order; certutils `,`-joined in DER order', async () => {
    const { list } = await build(layout);
    const capf = list.records[3]!; // DER order C, O, OU, CN, ST, L
    expect(capf.subjectName).toBe(layout === 'cucm' ? 'CN=CAPF-test-a;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US' : 'C=US,O=itl-codec test,OU=TEST ONLY,CN=CAPF-test-a,ST=CA,L=SJ');
    const tomcat = list.records[5]!; // issued by ca-a: issuer differs from subject
    expect(tomcat.issuerName).toBe(layout === 'cucm' ? 'CN=itl-codec test CA A;OU=TEST ONLY;O=itl-codec test;C=US' : 'C=US,O=itl-codec test,OU=TEST ONLY,CN=itl-codec test CA A');
    expect(list.header.signer!.name).toBe(layout === 'cucm' ? 'CN=ITLRECOVERY_test-a-pub;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US' : 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=ITLRECOVERY_test-a-pub');
  });

  it('serials are stored as the unsigned magnitude (no DER sign byte); keys in record form', async () => {
    const { list, certs } = await build(layout);
    expect(hex(certs.itlRecovery.serialNumberDer)).toBe('0081a3951a5c4c1c9b7eb4b4f00b8d6e38');
    expect(hex(list.records[0]!.serialNumber!)).toBe('81a3951a5c4c1c9b7eb4b4f00b8d6e38');
    expect(hex(list.header.signer!.serialNumber!)).toBe('81a3951a5c4c1c9b7eb4b4f00b8d6e38');
    expect(list.records.map((r) => r.publicKey!.length)).toEqual([270, 140, 140, 526, 97, 270]); // PKCS#1 RSA 2048/1024/4096, EC P-384 point
    expect(list.records[4]!.publicKey![0]).toBe(0x04);
  });

  it('header: version 1.2, filename, timestamp, digest, algorithm, modulus code, signer fields, signer version', async () => {
    const { list, bytes } = await build(layout);
    const h = list.header;
    expect({
      version: h.version,
      filename: h.filename,
      timestamp: h.timestamp,
      digest: h.digest,
      signatureAlgorithm: h.signatureAlgorithm,
      modulusCode: h.modulusCode,
      signatureLength: h.signature!.length,
      signerVersion: h.signerVersion,
      issuer: h.signer!.issuerName,
      aligned: h.headerLength! % 4,
    }).toEqual({
      version: { major: 1, minor: 2 },
      filename: 'ITLFile.tlv',
      timestamp: T,
      digest: 'sha512',
      signatureAlgorithm: 0,
      modulusCode: 2,
      signatureLength: 256,
      signerVersion: layout === 'certutils' ? { major: 1, minor: 0 } : undefined,
      issuer: h.signer!.name, // self-signed
      aligned: 0,
    });
    expect((await verifyTrustList(bytes)).valid).toBe(true);
  });

  it('element order of the layout, in the header and in every record', async () => {
    const { list } = await build(layout);
    const pads = list.header.elements.filter((e) => e.tag === 13).length;
    expect(pads).toBeLessThan(4);
    const header = layout === 'cucm' ? '1,2,3{4,5,6},7{8,9{10,11}},12,14,15' : '1,2,28,3{4,6,5},7{8,9{10,11}},12,14,15';
    expect(layoutOf(list.header.elements)).toBe([header, ...Array<string>(pads).fill('13')].join(','));
    const full = layout === 'cucm' ? '1,2,3,4,5,6,7,8,9,10' : '1,2,3,5,6,4,7,8,9,10';
    const noDnsIp = layout === 'cucm' ? '1,3,4,5,6,7,8,9' : '1,3,5,6,4,7,8,9';
    expect(list.records.map((r) => layoutOf(r.elements))).toEqual([full, full, full, noDnsIp, full, noDnsIp]);
  });
});

describe('header options', () => {
  it('a CTL gets CTLFile.tlv; a given filename and signer version are written as given', async () => {
    const ctl = await build('cucm', { kind: 'CTL' });
    expect(ctl.list.kind).toBe('CTL');
    expect(ctl.list.header.filename).toBe('CTLFile.tlv');
    const dev = await build('cucm', { filename: 'ITLFile.tlv', signerVersion: '1.1' });
    expect(dev.list.header.signerVersion).toEqual({ major: 1, minor: 1 });
    expect(layoutOf(dev.list.header.elements).startsWith('1,2,28,3{4,5,6}')).toBe(true);
    const certutils11 = await build('certutils', { signerVersion: { major: 1, minor: 1 } });
    expect(certutils11.list.header.signerVersion).toEqual({ major: 1, minor: 1 });
  });

  it('the default digest is SHA-1 (every Cisco-made file seen uses it)', async () => {
    const { list } = await build('cucm', { digest: undefined });
    expect(list.header.digest).toBe('sha1');
  });
});
