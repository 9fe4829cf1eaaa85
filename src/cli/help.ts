/** `itl --help` and `itl help CMD`, generated from the command table. */
import { optionSynopsis, HELP_OPTION, type OptionSpec } from './args.js';
import type { Command } from './commands/command.js';

export function generalHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `itl ${version}: inspect, verify, build and sign Cisco ITL/CTL trust-list files (ITLFile.tlv, CTLFile.tlv) and .sgn files`,
    '',
    'Usage: itl COMMAND [ARGS...]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}show help for a command (itl help COMMAND)`,
    '',
    'Options:',
    '  -h, --help      show this help',
    '  -v, --version   print the version',
    '',
    'A FILE or JSON argument of - means standard input.',
    'Exit status: 0 ok; 1 checked and found wanting; 2 malformed input or usage error; 3 (trust) the phone would ask TVS;',
    '70 a bug in itl (ITL_DEBUG=1 prints the stack).',
    'Errors are one line on stderr that starts with a stable code (ERR_USAGE, ERR_IO, ERR_TRUNCATED, ...).',
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const options: [string, OptionSpec][] = [...Object.entries(c.options), ['help', HELP_OPTION]];
  const rows = options.map(([name, spec]) => [optionSynopsis(name, spec), spec.description] as const);
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const lines = [`Usage: itl ${c.name} ${c.usage}`, '', c.summary.charAt(0).toUpperCase() + c.summary.slice(1) + '.', ''];
  if (c.description) lines.push(c.description, '');
  lines.push('Options:', ...rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`), '');
  if (c.examples?.length) lines.push('Examples:', ...c.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}
