import { basename } from 'node:path';
import { lintTrustList } from '../../index.js';
import { usageError, EXIT } from '../errors.js';
import { readInput, STDIO } from '../files.js';
import { stringValue } from '../options.js';
import { printJson } from '../output.js';
import type { Command } from './command.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const lint: Command = {
  name: 'lint',
  summary: 'check a trust list for what phones or Cisco tools refuse',
  usage: 'FILE [--name SERVED_NAME] [--json]',
  description: [
    'Reports findings with a stable code and a severity (error, warning, info): no signature, signer not a SAST',
    'record, more than 2 SAST records, over 64 KiB, RSA keys over 2048 bits, FILENAME not matching the served name,',
    'empty records outside a rollback ITL, ... Does not verify the signature (that is itl verify).',
    'The FILENAME check uses --name, else the basename of FILE (only names phones request are checked:',
    'ITLFile.tlv, CTLFile.tlv, ITLSEP<MAC>.tlv, CTLSEP<MAC>.tlv).',
    'Exit status: 0 no error findings, 1 at least one error finding, 2 malformed input or a usage error.',
  ].join('\n'),
  options: {
    name: { type: 'string', valueName: 'SERVED_NAME', description: 'the name the file is served under (for the FILENAME check)' },
    json: { type: 'boolean', description: 'print the result as one JSON object' },
  },
  positionals: { names: ['FILE'], required: 1 },
  examples: ['itl lint ITLFile.tlv', 'itl lint build/itl.tlv --name ITLSEP001122334455.tlv'],
  async run({ values, positionals }, ctx) {
    const path = positionals[0]!;
    const name = stringValue(values, 'name');
    if (name === '') throw usageError('lint: --name must not be empty');
    const fileName = name ?? (path === STDIO ? undefined : basename(path));
    const result = lintTrustList(await readInput(path, ctx.io), fileName !== undefined ? { fileName } : {});
    if (values.json) printJson(ctx, { file: path === STDIO ? '(stdin)' : path, ...result });
    else {
      const c = result.counts;
      const summary = `${result.ok ? 'OK' : 'FAILED'}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}${result.rollback ? ' (rollback rules applied)' : ''}`;
      ctx.out([summary, ...result.findings.map((f) => `  ${f.severity.toUpperCase()} ${f.code}: ${f.message}`)].join('\n') + '\n');
    }
    return result.ok ? EXIT.OK : EXIT.FOUND_WANTING;
  },
};
