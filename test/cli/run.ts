/** Run the CLI in-process and capture what it writes. */
import { main, type CliIo } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stdoutBytes: Uint8Array;
  stderr: string;
}

export async function runCli(argv: string[], opts: { stdin?: Uint8Array | string; tty?: boolean; env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const out: Uint8Array[] = [];
  const err: string[] = [];
  const enc = new TextEncoder();
  const io: Partial<CliIo> = {
    stdout: { write: (c) => out.push(typeof c === 'string' ? enc.encode(c) : c.slice()), isTTY: opts.tty ?? false },
    stderr: { write: (c) => err.push(typeof c === 'string' ? c : new TextDecoder().decode(c)) },
    stdin: opts.stdin ?? new Uint8Array(0),
    env: opts.env ?? {},
    ...(opts.cwd !== undefined && { cwd: opts.cwd }),
  };
  const code = await main(argv, io);
  const stdoutBytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    stdoutBytes.set(c, at);
    at += c.length;
  }
  return { code, stdout: new TextDecoder().decode(stdoutBytes), stdoutBytes, stderr: err.join('') };
}
