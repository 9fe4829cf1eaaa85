import { resignTrustList } from '../../index.js';
import { usageError } from '../errors.js';
import { readInput } from '../files.js';
import { digestOf, DIGEST_OPTION, flag, OUTPUT_OPTION, requireOutput, SIGNER_OPTIONS, stringValue, timestampOf, TIMESTAMP_OPTION } from '../options.js';
import { describeTrustList, writeAndReport } from '../output.js';
import { signerFromArgs } from '../x509.js';
import type { Command } from './command.js';

export const resign: Command = {
  name: 'resign',
  summary: 'sign a trust list again with another key, records unchanged',
  usage: 'IN -o OUT --signer PEM|P12 [--signer-key KEY] [--digest ALG] [--timestamp UNIX | --keep-timestamp]',
  description: [
    "What CUCM's `utils itl reset localkey|remotekey` does (format.md §7.5): every record is kept byte for byte, the",
    "header's signer fields, digest and signature are rewritten. When IN lists the new signer, the header names it",
    'exactly as that record does. Use it to make a new cluster\'s ITL acceptable to phones that hold the old one:',
    "re-sign it with a key of the old cluster's ITL.",
    '',
    "Digest: --digest, else IN's digest. Timestamp: --timestamp, else $SOURCE_DATE_EPOCH, else the current time;",
    "--keep-timestamp keeps IN's. IN - reads standard input.",
  ].join('\n'),
  options: {
    output: OUTPUT_OPTION,
    ...SIGNER_OPTIONS,
    digest: DIGEST_OPTION,
    timestamp: TIMESTAMP_OPTION,
    'keep-timestamp': { type: 'boolean', description: "keep IN's TIMESTAMP" },
  },
  positionals: { names: ['IN'], required: 1 },
  examples: ['itl resign new-cluster/ITLFile.tlv --signer old-ITLRecovery.pem -o ITLFile.tlv'],
  async run({ values, positionals }, ctx) {
    const out = requireOutput('resign', values);
    const digest = digestOf('resign', values);
    const keep = flag(values, 'keep-timestamp');
    if (keep && stringValue(values, 'timestamp') !== undefined) throw usageError('resign: give --timestamp or --keep-timestamp, not both');
    const timestamp = keep ? undefined : timestampOf('resign', values, ctx.io);
    const input = await readInput(positionals[0]!, ctx.io);
    const signer = await signerFromArgs('resign', values, ctx.io);
    const bytes = await resignTrustList(input, signer, { ...(digest && { digest }), ...(timestamp !== undefined && { timestamp }) });
    await writeAndReport(ctx, out, bytes, describeTrustList(bytes));
    return 0;
  },
};
