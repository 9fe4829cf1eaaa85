import { decodeTrustList, toJSON } from '../../index.js';
import { readInput } from '../files.js';
import type { Command } from './command.js';

export const decode: Command = {
  name: 'decode',
  summary: 'print the lossless JSON form of a trust list',
  usage: 'FILE [--compact] [--lenient]',
  description: [
    'Prints the JSON form (docs/json.md): every element in file order, typed values, hex where the typed',
    'value alone would not give the bytes back. `itl encode` turns it back into the same bytes.',
    'FILE - reads standard input.',
  ].join('\n'),
  options: {
    compact: { type: 'boolean', description: 'one line instead of 2-space indentation' },
    lenient: { type: 'boolean', description: 'decode what can be decoded; unreadable bytes at the end become "trailing"' },
  },
  positionals: { names: ['FILE'], required: 1 },
  examples: ['itl decode ITLFile.tlv > itl.json', 'itl decode ITLFile.tlv | itl encode - -o copy.tlv'],
  async run({ values, positionals }, ctx) {
    const bytes = await readInput(positionals[0]!, ctx.io);
    const json = toJSON(decodeTrustList(bytes, { lenient: values.lenient === true }));
    ctx.out(JSON.stringify(json, null, values.compact ? undefined : 2) + '\n');
    return 0;
  },
};
