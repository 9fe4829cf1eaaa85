/**
 * Options several commands share (signer, digest, timestamp, output) and the checks of their
 * values. Each returns the typed value or throws ERR_USAGE naming the command and the flag.
 */
import type { DigestName } from '../index.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import { usageError } from './errors.js';
import type { CliIo } from './io.js';

type Values = ParsedArgs['values'];

export const OUTPUT_OPTION: OptionSpec = { type: 'string', short: 'o', valueName: 'OUT', description: 'where to write the file (required; - for standard output)' };

export const SIGNER_OPTIONS = {
  signer: {
    type: 'string',
    valueName: 'PEM|P12',
    description: 'signing certificate: one PEM with certificate and key, a PKCS#12 file, or a certificate (PEM/DER) with --signer-key',
  },
  'signer-key': { type: 'string', valueName: 'KEY', description: 'private key for --signer: PEM (PKCS#8, PKCS#1, SEC1, encrypted), DER or PKCS#12' },
  'password-env': { type: 'string', valueName: 'VAR', description: 'read the key or PKCS#12 password from environment variable VAR' },
} as const satisfies Record<string, OptionSpec>;

export const DIGEST_OPTION: OptionSpec = { type: 'string', valueName: 'ALG', description: 'signature digest: sha1 (default, every phone), sha256 or sha512' };

export const TIMESTAMP_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'UNIX',
  description: 'TIMESTAMP in Unix seconds; default $SOURCE_DATE_EPOCH if set, else the current time',
};

/** A string option's value (the last one, if given several times), or undefined. */
export function stringValue(values: Values, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

export function requireString(command: string, values: Values, name: string, hint = ''): string {
  const v = stringValue(values, name);
  if (v === undefined || v === '') throw usageError(`${command}: missing --${name}${hint ? ` ${hint}` : ''} (see: itl help ${command})`);
  return v;
}

/** `-o OUT`, required. */
export function requireOutput(command: string, values: Values): string {
  const v = stringValue(values, 'output');
  if (v === undefined || v === '') throw usageError(`${command}: missing -o OUT (use -o - for standard output)`);
  return v;
}

/** One of a fixed set of values, or undefined when the option is absent. */
export function choice<T extends string>(command: string, values: Values, name: string, allowed: readonly T[]): T | undefined {
  const v = stringValue(values, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw usageError(`${command}: --${name} must be ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
  return v as T;
}

export const DIGESTS = ['sha1', 'sha256', 'sha512'] as const;

export function digestOf(command: string, values: Values): DigestName | undefined {
  return choice(command, values, 'digest', DIGESTS);
}

const MAX_U32 = 0xffffffff;

function parseUnix(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_U32 ? n : undefined;
}

/**
 * The TIMESTAMP to write: `--timestamp`, else `SOURCE_DATE_EPOCH` (reproducible-builds.org), else now.
 * The header field is an unsigned 32-bit count of seconds.
 */
export function timestampOf(command: string, values: Values, io: CliIo): number {
  const given = stringValue(values, 'timestamp');
  if (given !== undefined) {
    const n = parseUnix(given);
    if (n === undefined) throw usageError(`${command}: --timestamp must be Unix seconds (0 to ${MAX_U32}); got ${JSON.stringify(given)}`);
    return n;
  }
  const env = io.env.SOURCE_DATE_EPOCH;
  if (env !== undefined && env !== '') {
    const n = parseUnix(env);
    if (n === undefined) throw usageError(`${command}: SOURCE_DATE_EPOCH must be Unix seconds (0 to ${MAX_U32}); got ${JSON.stringify(env)}`);
    return n;
  }
  return Math.floor(Date.now() / 1000);
}

/** A boolean flag. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}
