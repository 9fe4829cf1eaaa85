import { basename } from 'node:path';
import { signFile } from '../../index.js';
import { usageError } from '../errors.js';
import { readInput, STDIO } from '../files.js';
import { digestOf, DIGEST_OPTION, SIGNER_OPTIONS, stringValue, timestampOf, TIMESTAMP_OPTION } from '../options.js';
import { digestName, writeAndReport } from '../output.js';
import { signerFromArgs } from '../x509.js';
import type { Command } from './command.js';

export const signFileCommand: Command = {
  name: 'sign-file',
  summary: 'sign a configuration or other file into a .sgn',
  usage: 'IN [-o OUT] --signer PEM|P12 [--signer-key KEY] [--filename NAME] [--digest ALG] [--timestamp UNIX]',
  description: [
    'Writes IN behind a signed header (format.md §8), as CUCM serves SEP<MAC>.cnf.xml.sgn and other static files.',
    'Phones holding a trust list want configuration files signed by a TFTP or CCM+TFTP certificate of it.',
    '',
    'OUT defaults to IN.sgn. The header FILENAME is the name the phone requests, .sgn included: --filename, else the',
    'basename of OUT, else of IN plus .sgn. Without --timestamp the header gets $SOURCE_DATE_EPOCH if set, else the',
    'current time. IN - reads standard input (then -o and --filename, or -o with a file name, are needed).',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o', valueName: 'OUT', description: 'where to write the .sgn (default IN.sgn; - for standard output)' },
    ...SIGNER_OPTIONS,
    filename: { type: 'string', valueName: 'NAME', description: 'header FILENAME, a path allowed (e.g. New_Zealand/g3-tones.xml.sgn)' },
    digest: DIGEST_OPTION,
    timestamp: TIMESTAMP_OPTION,
  },
  positionals: { names: ['IN'], required: 1 },
  examples: ['itl sign-file SEP001122334455.cnf.xml --signer CallManager.pem', 'itl sign-file g3-tones.xml -o g3-tones.xml.sgn --filename New_Zealand/g3-tones.xml.sgn --signer tftp.pem'],
  async run({ values, positionals }, ctx) {
    const inPath = positionals[0]!;
    let out = stringValue(values, 'output');
    if (out === '') throw usageError('sign-file: -o must not be empty');
    if (out === undefined) {
      if (inPath === STDIO) throw usageError('sign-file: with IN - give -o OUT');
      out = `${inPath}.sgn`;
    }
    let filename = stringValue(values, 'filename');
    if (filename === '') throw usageError('sign-file: --filename must not be empty');
    if (filename === undefined) {
      if (out !== STDIO) filename = basename(out);
      else if (inPath !== STDIO) filename = `${basename(inPath)}.sgn`;
      else throw usageError('sign-file: reading standard input and writing standard output, give --filename NAME');
    }
    const digest = digestOf('sign-file', values);
    const timestamp = timestampOf('sign-file', values, ctx.io);
    const payload = await readInput(inPath, ctx.io);
    const signer = await signerFromArgs('sign-file', values, ctx.io);
    const bytes = await signFile(payload, signer, { filename, timestamp, ...(digest && { digest }) });
    await writeAndReport(ctx, out, bytes, `signed file ${filename}, ${payload.length} bytes payload, ${digestName(digest ?? 'sha1')}, signed by ${signer.certificate.subject.cucm}`);
    return 0;
  },
};
