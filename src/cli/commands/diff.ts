import { diffTrustLists, type TrustListDiff } from '../../index.js';
import { EXIT } from '../errors.js';
import { readInput } from '../files.js';
import { printJson } from '../output.js';
import type { Command } from './command.js';

function renderDiff(d: TrustListDiff): string {
  const lines = [d.identical ? 'SAME: identical bytes' : d.same ? 'SAME content (the differences below do not change what a phone trusts)' : 'DIFFERENT content'];
  const note = (content: boolean) => (content ? '' : '  (not content)');
  if (d.header.length > 0) lines.push('Header:', ...d.header.map((h) => `  ${h.code} ${h.message}${note(h.content)}`));
  const r = d.records;
  const recs = [
    ...r.removed.map((x) => `  ${x.code} ${x.message}`),
    ...r.added.map((x) => `  ${x.code} ${x.message}`),
    ...r.changed.map((x) => `  ${x.code} ${x.message}${note(x.content)}`),
    ...r.moved.map((x) => `  ${x.code} ${x.message}  (not content)`),
  ];
  if (recs.length > 0) lines.push('Records:', ...recs);
  return lines.join('\n') + '\n';
}

export const diff: Command = {
  name: 'diff',
  summary: 'compare two trust lists by what they say to a phone',
  usage: 'A B [--json]',
  description: [
    'Lists header and record differences with stable codes (SIGNER_CHANGED, RECORD_ADDED, RECORD_REMOVED,',
    'RECORD_CHANGED, ...). Records are paired by certificate, then serial and issuer, then role and DNS name.',
    'Timestamp, signature bytes, element and record order and header padding are reported but are not content.',
    'Exit status: 0 same content, 1 different content, 2 malformed input or a usage error. A or B - reads standard input.',
  ].join('\n'),
  options: { json: { type: 'boolean', description: 'print the diff as one JSON object' } },
  positionals: { names: ['A', 'B'], required: 2 },
  examples: ['itl diff old/ITLFile.tlv new/ITLFile.tlv', 'itl diff a.tlv b.tlv --json | jq .records.added'],
  async run({ values, positionals }, ctx) {
    const [a, b] = await Promise.all([readInput(positionals[0]!, ctx.io), readInput(positionals[1]!, ctx.io)]);
    const d = diffTrustLists(a, b);
    if (values.json) printJson(ctx, d);
    else ctx.out(renderDiff(d));
    return d.same ? EXIT.OK : EXIT.FOUND_WANTING;
  },
};
