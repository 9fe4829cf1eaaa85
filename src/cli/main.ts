/**
 * The `itl` command line. `main(argv, io)` runs one command and resolves to its exit code; it
 * never calls process.exit, so tests run it in-process with their own stdout/stderr/stdin.
 * `run()` is the tiny runner bin/itl.js uses.
 */
import process from 'node:process';
import { parseCommandArgs } from './args.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { describeError, EXIT, usageError } from './errors.js';
import { commandHelp, generalHelp } from './help.js';
import { withDefaults, type CliIo } from './io.js';
import { packageRoot, packageVersion } from './package-root.js';
import { styleFor } from './style.js';

export type { CliIo, InputSource, OutputStream } from './io.js';
export { COMMANDS } from './commands/index.js';
export type { Command, CommandContext } from './commands/index.js';
export { EXIT } from './errors.js';

export async function main(argv: readonly string[], ioIn?: Partial<CliIo>): Promise<number> {
  const io = withDefaults(ioIn);
  const out = (text: string) => void io.stdout.write(text);
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      out(generalHelp(COMMANDS, packageVersion()));
      throw usageError('no command given (see itl --help)');
    }
    if (first === '-h' || first === '--help') {
      out(generalHelp(COMMANDS, packageVersion()));
      return EXIT.OK;
    }
    if (first === '-v' || first === '--version') {
      out(`${packageVersion()}\n`);
      return EXIT.OK;
    }
    if (first === 'help') {
      const name = rest[0];
      if (name === undefined) {
        out(generalHelp(COMMANDS, packageVersion()));
        return EXIT.OK;
      }
      const c = findCommand(name);
      if (!c) throw usageError(`unknown command "${name}" (commands: ${COMMANDS.map((x) => x.name).join(', ')})`);
      out(commandHelp(c));
      return EXIT.OK;
    }
    const command = findCommand(first);
    if (!command) {
      const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
      throw usageError(`${what} (commands: ${COMMANDS.map((x) => x.name).join(', ')}; see itl --help)`);
    }
    const args = parseCommandArgs(command.name, rest, command.options, command.positionals);
    if (args.values.help) {
      out(commandHelp(command));
      return EXIT.OK;
    }
    return await command.run(args, { io, packageRoot: packageRoot(), style: styleFor(io), out });
  } catch (e) {
    const { line, exitCode } = describeError(e);
    io.stderr.write(`${line}\n`);
    if (exitCode === EXIT.INTERNAL && io.env.ITL_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return exitCode;
  }
}

/** Run with the real process: argv from the command line, exit code via `process.exitCode`. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A closed pipe (`itl decode f | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await main(argv);
}
