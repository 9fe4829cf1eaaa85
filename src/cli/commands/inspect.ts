import { decodeSignedFile, decodeTrustList, type SignedFile, type TrustList } from '../../index.js';
import { bundledVector } from '../bundled.js';
import { readInput } from '../files.js';
import { buildReport, payloadReport } from '../inspect/report.js';
import { checkSignature } from '../inspect/verification.js';
import { renderText } from '../inspect/text.js';
import type { Command } from './command.js';

export const inspect: Command = {
  name: 'inspect',
  summary: 'show what a trust list holds (like CUCM show itl / show ctl)',
  usage: '[FILE] [--json] [--lenient]',
  description: [
    'Decodes an ITL or CTL file (or a signed .sgn file: its header and payload) and prints its length, MD5 and SHA-1 (the checksums a phone shows under',
    'Settings > Security > Trust List), the header (signer, digest, signature, filename, timestamp) and every',
    'record (role, names, serial, public key, certificate SHA-1, IP), plus any element no field describes.',
    "It also says whether the signature verifies with the file's own SAST record, and which one (as itl verify FILE).",
    '',
    'FILE - reads standard input. Without FILE, inspects the trust list bundled with the package.',
    'Exit status: 0 when the file decodes (whether or not its signature verifies), 2 when it does not (one line on',
    'stderr, starting with the error code).',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'print one JSON object instead of the text report' },
    lenient: { type: 'boolean', description: 'tolerate what strict decoding refuses and list it as warnings' },
  },
  positionals: { names: ['FILE'], required: 0 },
  examples: ['itl inspect ITLFile.tlv', 'itl inspect CTLFile.tlv --json', 'curl -s http://tftp:6970/ITLFile.tlv | itl inspect -'],
  async run({ values, positionals }, ctx) {
    let path = positionals[0];
    let display = path;
    if (path === undefined) ({ path, display } = bundledVector(ctx.packageRoot));
    const bytes = await readInput(path, ctx.io);
    const shown = display === '-' ? '(stdin)' : display!;
    const lenient = values.lenient === true;
    const signed = signedFile(bytes, lenient);
    let report;
    if (signed) {
      // A .sgn file: the header, then the payload; its signer is in the phone's trust list, not here.
      report = buildReport(shown, bytes, { kind: 'SGN', header: signed.header, records: [], ...(signed.warnings && { warnings: signed.warnings }) }, null);
      report.payload = payloadReport(bytes.length - signed.payload.length, signed.payload);
    } else {
      const list: TrustList = decodeTrustList(bytes, { lenient });
      report = buildReport(shown, bytes, list, await checkSignature(bytes, list));
    }
    ctx.out(values.json ? JSON.stringify(report, null, 2) + '\n' : renderText(report, ctx.style));
    return 0;
  },
};

/** The file as a signed file when its header FILENAME says so (`*.sgn`, `*.sha512`), as `itl verify` and `itl trust` tell them apart. */
function signedFile(bytes: Uint8Array, lenient: boolean): SignedFile | undefined {
  let file: SignedFile;
  try {
    file = decodeSignedFile(bytes, { lenient });
  } catch {
    return undefined; // not even a header: decodeTrustList reports why
  }
  return /\.(sgn|sha512)$/i.test(file.header.filename ?? '') ? file : undefined;
}
