import { buildTrustList, type RecordSpec } from '../../index.js';
import type { ParsedCertificate } from '../../x509/index.js';
import type { OptionSpec } from '../args.js';
import { usageError } from '../errors.js';
import { choice, digestOf, DIGEST_OPTION, flag, OUTPUT_OPTION, requireOutput, SIGNER_OPTIONS, stringValue, timestampOf, TIMESTAMP_OPTION } from '../options.js';
import { describeTrustList, writeAndReport } from '../output.js';
import { certificateFromFile, signerFromArgs } from '../x509.js';
import type { Command } from './command.js';

/** Role flags and the role each adds. Every occurrence is one record, in command-line order. */
const ROLE_FLAGS = {
  sast: 'SAST',
  ccm: 'CCM',
  'ccm-tftp': 'CCM+TFTP',
  tftp: 'TFTP',
  capf: 'CAPF',
  'app-server': 'APP-SERVER',
  tvs: 'TVS',
} as const;

type RoleFlag = keyof typeof ROLE_FLAGS;

const roleOptions = Object.fromEntries(
  Object.entries(ROLE_FLAGS).map(([name, role]): [string, OptionSpec] => [
    name,
    { type: 'string', multiple: true, valueName: 'CERT[,dns=NAME,ip=IP]', description: `one record with role ${role} for this certificate (PEM or DER)` },
  ]),
);

/** `CERT[,dns=NAME][,ip=A.B.C.D]`: trailing `,key=value` parts are record fields; the rest is the path. */
export function parseRecordArg(flagName: string, arg: string): { path: string; dnsName?: string; ipAddress?: string } {
  const parts = arg.split(',');
  const out: { dnsName?: string; ipAddress?: string } = {};
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    const m = /^([a-z]+)=(.*)$/.exec(last);
    if (!m) break;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'dns') {
      if (value === '') throw usageError(`build: --${flagName} ${arg}: dns= needs a name`);
      out.dnsName ??= value;
    } else if (key === 'ip') {
      if (!isIpv4(value)) throw usageError(`build: --${flagName} ${arg}: ip= must be an IPv4 address like 10.0.0.1`);
      out.ipAddress ??= value;
    } else throw usageError(`build: --${flagName} ${arg}: unknown record field "${key}" (known: dns=, ip=)`);
    parts.pop();
  }
  const path = parts.join(',');
  if (path === '') throw usageError(`build: --${flagName} needs a certificate file`);
  return { path, ...out };
}

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

const sameDer = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export const build: Command = {
  name: 'build',
  summary: 'build and sign an ITL (or CTL) from certificates',
  usage: '-o OUT --signer PEM|P12 [--signer-key KEY] [--sast CERT] [--ccm-tftp CERT] [--tftp CERT] [--capf CERT] [--tvs CERT] ... [--digest ALG] [--timestamp UNIX] [--ctl]',
  description: [
    'Makes a signed trust list. Each role flag adds one record for its certificate and may be given several times;',
    'records are written in command-line order. A certificate given for several roles gets one record per role.',
    'The signer certificate is also written as the first record, with role SAST, unless a --sast flag lists it already',
    '(phones verify the next file against a SAST record, so the signer must be one).',
    '',
    'A certificate argument may carry record fields after commas: CERT,dns=NAME,ip=A.B.C.D (DNSNAME and IPADDRESS;',
    'CUCM writes both, certutils neither).',
    '',
    'Without --timestamp the header gets $SOURCE_DATE_EPOCH if set, else the current time. The same inputs and',
    'timestamp give the same bytes (RSASSA-PKCS1-v1_5 is deterministic).',
    'Trust lists are signed with RSA keys only.',
  ].join('\n'),
  options: {
    output: OUTPUT_OPTION,
    ...SIGNER_OPTIONS,
    ...roleOptions,
    digest: DIGEST_OPTION,
    timestamp: TIMESTAMP_OPTION,
    filename: { type: 'string', valueName: 'NAME', description: 'header FILENAME (default ITLFile.tlv, or CTLFile.tlv with --ctl; per-device files keep these)' },
    layout: { type: 'string', valueName: 'LAYOUT', description: 'element order and name style: cucm (default) or certutils' },
    'signer-version': { type: 'string', valueName: 'X.Y', description: 'write header SIGNER_VERSION (tag 28), e.g. 1.0 or 1.1 (certutils layout default 1.0; CUCM layout: none)' },
    ctl: { type: 'boolean', description: 'build a CTL (CTLFile.tlv) instead of an ITL' },
  },
  positionals: { names: [], required: 0 },
  examples: [
    'itl build -o ITLFile.tlv --signer ITLRecovery.pem --sast CallManager.pem --ccm-tftp CallManager.pem,dns=cucm1,ip=10.0.0.1 --capf CAPF.pem --tvs CallManager.pem',
    'itl build -o ITLFile.tlv --signer tftp.p12 --password-env P12_PASS --tftp tftp.pem --digest sha512 --layout certutils --signer-version 1.1',
  ],
  async run({ values, order }, ctx) {
    const out = requireOutput('build', values);
    const layout = choice('build', values, 'layout', ['cucm', 'certutils'] as const);
    const digest = digestOf('build', values);
    const signerVersion = stringValue(values, 'signer-version');
    if (signerVersion !== undefined && !/^\d{1,3}\.\d{1,3}$/.test(signerVersion)) throw usageError(`build: --signer-version must look like 1.0 or 1.1; got ${JSON.stringify(signerVersion)}`);
    const filename = stringValue(values, 'filename');
    if (filename === '') throw usageError('build: --filename must not be empty');
    const timestamp = timestampOf('build', values, ctx.io);

    const wanted = (order ?? []).filter((o): o is { name: RoleFlag; value: string } => o.name in ROLE_FLAGS && o.value !== undefined);
    const parsed = wanted.map((o) => ({ role: ROLE_FLAGS[o.name], ...parseRecordArg(o.name, o.value) }));
    const signer = await signerFromArgs('build', values, ctx.io);
    const certs = new Map<string, Promise<ParsedCertificate>>();
    const certOf = (path: string) => {
      let p = certs.get(path);
      if (!p) certs.set(path, (p = certificateFromFile(path, ctx.io)));
      return p;
    };
    const records: RecordSpec[] = [];
    for (const r of parsed) {
      records.push({
        certificate: await certOf(r.path),
        role: r.role,
        ...(r.dnsName !== undefined && { dnsName: r.dnsName }),
        ...(r.ipAddress !== undefined && { ipAddress: r.ipAddress }),
      });
    }
    if (!records.some((r) => r.role === 'SAST' && sameDer(r.certificate.der, signer.certificate.der))) {
      records.unshift({ certificate: signer.certificate, role: 'SAST' });
    }
    const bytes = await buildTrustList({
      kind: flag(values, 'ctl') ? 'CTL' : 'ITL',
      signer,
      records,
      timestamp,
      ...(digest && { digest }),
      ...(filename !== undefined && { filename }),
      ...(layout && { layout }),
      ...(signerVersion !== undefined && { signerVersion }),
    });
    await writeAndReport(ctx, out, bytes, describeTrustList(bytes));
    return 0;
  },
};
