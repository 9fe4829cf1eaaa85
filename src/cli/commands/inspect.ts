import { decodeSignedFile, decodeTrustList, type TrustList } from '../../index.js';
import { bundledVector } from '../bundled.js';
import { withHint } from '../errors.js';
import { readInput } from '../files.js';
import { buildReport } from '../inspect/report.js';
import { checkSignature } from '../inspect/verification.js';
import { renderText } from '../inspect/text.js';
import type { Command } from './command.js';

export const inspect: Command = {
  name: 'inspect',
  summary: 'show what a trust list holds (like CUCM show itl / show ctl)',
  usage: '[FILE] [--json] [--lenient]',
  description: [
    'Decodes an ITL or CTL file and prints its length, MD5 and SHA-1 (the checksums a phone shows under',
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
    let list: TrustList;
    try {
      list = decodeTrustList(bytes, { lenient: values.lenient === true });
    } catch (e) {
      throw signedFileHint(e, bytes);
    }
    const report = buildReport(display === '-' ? '(stdin)' : display!, bytes, list, await checkSignature(bytes, list));
    ctx.out(values.json ? JSON.stringify(report, null, 2) + '\n' : renderText(report, ctx.style));
    return 0;
  },
};

/** A `.sgn` file decodes as a header and then fails on its payload: say what it is instead of only why records fail. */
function signedFileHint(e: unknown, bytes: Uint8Array): unknown {
  let filename: string | undefined;
  try {
    filename = decodeSignedFile(bytes).header.filename;
  } catch {
    return e;
  }
  if (filename === undefined || !/\.(sgn|sha512)$/i.test(filename)) return e;
  return withHint(e, `its header FILENAME is ${JSON.stringify(filename)}: a signed file, not a trust list; check it with itl verify FILE --cert CERT or --trust ITLFile.tlv`);
}
