import { buildRollbackItl, decodeTrustList } from '../../index.js';
import { usageError } from '../errors.js';
import { readInput } from '../files.js';
import { choice, digestOf, DIGEST_OPTION, flag, OUTPUT_OPTION, requireOutput, SIGNER_OPTIONS, stringValue, timestampOf, TIMESTAMP_OPTION } from '../options.js';
import { describeTrustList, writeAndReport } from '../output.js';
import { signerFromArgs } from '../x509.js';
import type { Command } from './command.js';

export const rollback: Command = {
  name: 'rollback',
  summary: 'build a blank rollback ITL that lets phones take the next ITL from any cluster',
  usage: '-o OUT --signer PEM|P12 [--signer-key KEY] [--from INSTALLED.tlv] [--blank-sast] [--drop-capf] [--drop-second-sast] [--empty-fields role-only|role+dns+ip] [--digest ALG] [--timestamp UNIX]',
  description: [
    'Makes the "Prepare Cluster for Rollback" ITL (format.md §7): the TFTP, CCM+TFTP and TVS records are emptied, so a',
    'phone that installs it accepts any new ITL and unsigned configuration files. It must be signed with a key the',
    "phones hold: a SAST record of their current ITL (CUCM 12+: the ITLRecovery key). With --from (the phones' ITL), its",
    'records are copied and the header names the signer exactly as that ITL does; without it, the file holds the signer',
    'as SAST plus an empty TFTP and an empty TVS record.',
    '',
    'Defaults follow format.md §7.4: SAST and CAPF records kept, empty records keep their DNS name and IP, SHA-1.',
    'The layout is reconstructed from Cisco\'s description and not confirmed on hardware.',
    'Without --timestamp the header gets $SOURCE_DATE_EPOCH if set, else the current time.',
  ].join('\n'),
  options: {
    output: OUTPUT_OPTION,
    ...SIGNER_OPTIONS,
    from: { type: 'string', valueName: 'INSTALLED.tlv', description: 'the ITL the phones hold now (recommended)' },
    timestamp: TIMESTAMP_OPTION,
    digest: DIGEST_OPTION,
    'blank-sast': { type: 'boolean', description: 'leave out every SAST record (the header still names the signer)' },
    'drop-capf': { type: 'boolean', description: 'leave out the CAPF record (kept by default)' },
    'drop-second-sast': { type: 'boolean', description: "leave out SAST records other than the signer's (kept by default)" },
    'empty-fields': { type: 'string', valueName: 'WHAT', description: 'what an emptied record keeps: role+dns+ip (default) or role-only' },
    filename: { type: 'string', valueName: 'NAME', description: "header FILENAME (default: the --from ITL's, else ITLFile.tlv)" },
  },
  positionals: { names: [], required: 0 },
  examples: [
    'itl rollback --from ITLFile.tlv --signer ITLRecovery.pem -o rollback/ITLFile.tlv',
    'itl rollback --from ITLFile.tlv --signer ITLRecovery.p12 --password-env P12_PASS --blank-sast -o ITLFile.tlv',
  ],
  async run({ values }, ctx) {
    const out = requireOutput('rollback', values);
    const fields = choice('rollback', values, 'empty-fields', ['role-only', 'role+dns+ip'] as const);
    const digest = digestOf('rollback', values);
    const timestamp = timestampOf('rollback', values, ctx.io);
    const filename = stringValue(values, 'filename');
    if (filename === '') throw usageError('rollback: --filename must not be empty');
    const fromPath = stringValue(values, 'from');
    const from = fromPath !== undefined ? decodeTrustList(await readInput(fromPath, ctx.io)) : undefined;
    const signer = await signerFromArgs('rollback', values, ctx.io);
    const bytes = await buildRollbackItl({
      signer,
      timestamp,
      ...(from && { from }),
      ...(digest && { digest }),
      ...(fields && { emptyRecordFields: fields }),
      ...(filename !== undefined && { filename }),
      ...(flag(values, 'blank-sast') && { blankSast: true }),
      ...(flag(values, 'drop-capf') && { keepCapf: false }),
      ...(flag(values, 'drop-second-sast') && { keepSecondSast: false }),
    });
    await writeAndReport(ctx, out, bytes, `rollback ${describeTrustList(bytes)}`);
    return 0;
  },
};
