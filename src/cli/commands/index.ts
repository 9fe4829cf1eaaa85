/**
 * The command table. A new command is a new file in this folder exporting a `Command`, plus one
 * line here; main.ts does parsing, help, and error reporting for all of them.
 */
import { build } from './build.js';
import type { Command } from './command.js';
import { decode } from './decode.js';
import { diff } from './diff.js';
import { encode } from './encode.js';
import { inspect } from './inspect.js';
import { lint } from './lint.js';
import { resign } from './resign.js';
import { rollback } from './rollback.js';
import { signFileCommand } from './sign-file.js';
import { trust } from './trust.js';
import { verify } from './verify.js';

export const COMMANDS: readonly Command[] = [inspect, decode, encode, verify, trust, diff, lint, build, rollback, resign, signFileCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export type { Command, CommandContext } from './command.js';
