import type { OptionSpecs, ParsedArgs, PositionalSpec } from '../args.js';
import type { CliIo } from '../io.js';
import type { Style } from '../style.js';

/** What a command gets besides its arguments. */
export interface CommandContext {
  io: CliIo;
  /** The package root (where package.json and vectors/ are), found from this module's location. */
  packageRoot: string;
  /** Terminal styling for stdout (no-op unless stdout is a TTY and NO_COLOR is unset). */
  style: Style;
  /** Write text to stdout. */
  out(text: string): void;
}

/**
 * One CLI command. Adding a command is one new file in this folder exporting a `Command`, plus
 * its line in `index.ts`'s table; parsing, help and error reporting come from `main.ts`.
 */
export interface Command {
  name: string;
  /** One line for `itl --help`. */
  summary: string;
  /** Usage after `itl NAME`, e.g. `FILE [--json]`. */
  usage: string;
  /** Longer help text (paragraphs), shown by `itl help NAME`. */
  description?: string;
  options: OptionSpecs;
  positionals: PositionalSpec;
  /** Examples for `itl help NAME`. */
  examples?: readonly string[];
  /** Returns the exit code; throws `ItlError`/`CliError` for bad input (reported by main as one line, exit 2). */
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}
