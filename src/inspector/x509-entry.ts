/** docs/inspector/x509.js: certificate details through itl-codec/x509 (pkijs lives only here). */
import { showCertificates } from './certificates.js';

const api = { showCertificates };
export type X509Api = typeof api;
(globalThis as any).itlInspectorX509 = api;
