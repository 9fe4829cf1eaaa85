/**
 * docs/inspector/analysis.js: everything after the first paint. The hex view, checksums (MD5 is
 * not in WebCrypto), signature checks, trust evaluation, lint, key summaries and the JSON form
 * pull in the encoder, WebCrypto glue and @noble/hashes, so they load after the core's tables.
 */
import { runAnalysis } from './analysis.js';

const api = { runAnalysis };
export type AnalysisApi = typeof api;
(globalThis as any).itlInspectorAnalysis = api;
