/** The page's x509 part: each record certificate's subject, issuer, validity, key and fingerprints. */
import { fingerprints, parseCertificate, publicKeyInfo } from '../x509/index.js';
import { h } from './dom.js';
import type { CertificateSlot, PageContext } from './page.js';

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

export async function showCertificates(slots: CertificateSlot[], ctx: Pick<PageContext, 'bind' | 'live'>): Promise<void> {
  const now = Date.now();
  for (const c of slots) {
    const row = (label: string, value: string) =>
      ctx.bind(h('tr', null, h('td', { class: 'num' }, String(c.span[0])), h('th', { scope: 'row' }, label, h('small', null, 'X.509')), h('td', null, value)), [c.span]);
    let rows: HTMLElement[];
    try {
      const p = parseCertificate(c.der);
      const fp = await fingerprints(c.der).catch((e: unknown) => ({ sha1: `unavailable (${String(e)})`, sha256: `unavailable (${String(e)})` }));
      const when = now < p.notBefore.getTime() ? 'not yet valid' : now > p.notAfter.getTime() ? 'expired' : 'valid now';
      const key = publicKeyInfo(p);
      rows = [
        row('Cert subject', p.subjectText),
        row('Cert issuer', p.issuerText),
        row('Validity', `${iso(p.notBefore)} to ${iso(p.notAfter)} (${when})`),
        row('Key', key.algorithm === 'RSA' ? `RSA ${key.bits}-bit` : `EC ${key.namedCurve ?? ''} (${key.bits}-bit)`),
        row('Cert sig. alg.', p.signatureAlgorithm),
        row('SHA-1 fingerprint', fp.sha1),
        row('SHA-256 fingerprint', fp.sha256),
      ];
    } catch (e) {
      rows = [row('Certificate', `does not parse: ${e instanceof Error ? e.message : String(e)}`)];
    }
    if (!ctx.live()) return;
    c.tbody.append(...rows);
  }
}
