/** Argument parsing shared by every command: `node:util` parseArgs, with errors turned into ERR_USAGE. */
import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** The option may be given several times; its value is then a `string[]` in command-line order. */
  multiple?: boolean;
  /** Shown in help, e.g. `OUT` for `-o, --output OUT`. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Positional arguments: their names (for help) and how many are required. */
export interface PositionalSpec {
  names: readonly string[];
  required: number;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Every option given, in command-line order (for commands where order matters across options, like `build`'s roles). */
  order?: { name: string; value?: string }[];
}

/** Every command accepts `-h, --help`. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show help for this command' };

export function parseCommandArgs(command: string, argv: readonly string[], options: OptionSpecs, positionals: PositionalSpec): ParsedArgs {
  const config: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(options)) {
    config[name] = { type: spec.type, ...(spec.short && { short: spec.short }), ...(spec.multiple && { multiple: true }) };
  }
  let parsed: ParsedArgs;
  try {
    const r = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true, tokens: true });
    const order = r.tokens.flatMap((t) => (t.kind === 'option' ? [{ name: t.name, ...(t.value !== undefined && { value: t.value }) }] : []));
    parsed = { values: r.values as ParsedArgs['values'], positionals: r.positionals, order };
  } catch (e) {
    // parseArgs messages name the option; drop its trailing hints to keep one readable line.
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw usageError(`${command}: ${message} (see: itl help ${command})`);
  }
  if (parsed.values.help) return parsed;
  const n = parsed.positionals.length;
  if (n < positionals.required) {
    const missing = positionals.names.slice(n, positionals.required).join(' ');
    throw usageError(`${command}: missing ${missing} (see: itl help ${command})`);
  }
  if (n > positionals.names.length) {
    const extra = parsed.positionals.slice(positionals.names.length).join(' ');
    throw usageError(`${command}: unexpected argument(s) ${extra} (see: itl help ${command})`);
  }
  return parsed;
}

/** The left column of an option in help: `-o, --output OUT`. */
export function optionSynopsis(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}${spec.multiple ? ' ...' : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}
