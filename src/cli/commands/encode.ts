import { encodeTrustList, fromJSON } from '../../index.js';
import { usageError } from '../errors.js';
import { readTextInput, writeOutput } from '../files.js';
import type { Command } from './command.js';

export const encode: Command = {
  name: 'encode',
  summary: 'turn the JSON form back into trust-list bytes',
  usage: 'JSON -o OUT',
  description: [
    'Reads the JSON form (as printed by `itl decode`, possibly edited) and writes the trust list.',
    'Lengths (HeaderLength, containers, RECORDLENGTH) are recomputed; an edited typed value wins over its "hex".',
    'The signature is NOT recomputed: an edited file keeps its old signature, which no longer verifies.',
    'JSON - reads standard input; -o - writes the bytes to standard output.',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o', valueName: 'OUT', description: 'where to write the bytes (required; - for stdout)' },
  },
  positionals: { names: ['JSON'], required: 1 },
  examples: ['itl encode itl.json -o ITLFile.tlv', 'itl decode a.tlv | itl encode - -o - > b.tlv'],
  async run({ values, positionals }, ctx) {
    const out = values.output;
    if (typeof out !== 'string' || out === '') throw usageError('encode: missing -o OUT (use -o - for standard output)');
    const list = fromJSON(await readTextInput(positionals[0]!, ctx.io));
    await writeOutput(out, encodeTrustList(list), ctx.io);
    return 0;
  },
};
