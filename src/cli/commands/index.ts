/**
 * The command table. A new command is a new file in this folder exporting a `Command`, plus one
 * line here; main.ts does parsing, help, and error reporting for all of them.
 */
import type { Command } from './command.js';
import { decode } from './decode.js';
import { encode } from './encode.js';
import { inspect } from './inspect.js';

export const COMMANDS: readonly Command[] = [inspect, decode, encode];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export type { Command, CommandContext } from './command.js';
