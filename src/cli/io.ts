/**
 * What the CLI talks to. `main()` takes these as arguments so tests can run commands in-process
 * and look at the exact bytes written; `processIo()` wires them to the real process.
 */
import process from 'node:process';

export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  /** Colours are used only on a TTY (and never when NO_COLOR is set). */
  isTTY?: boolean;
}

/** Standard input: bytes, text, or any async iterable of chunks (`process.stdin` is one). */
export type InputSource = Uint8Array | string | AsyncIterable<Uint8Array | string>;

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputSource;
  env: Record<string, string | undefined>;
  /** Relative paths are resolved against this. */
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** Fill what a caller left out: in-process callers usually pass only stdout/stderr/stdin. */
export function withDefaults(io: Partial<CliIo> | undefined): CliIo {
  const base: CliIo = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: new Uint8Array(0),
    env: {},
    cwd: process.cwd(),
  };
  if (io === undefined) return processIo();
  return { ...base, ...io };
}

/** Read standard input to the end. */
export async function readAll(source: InputSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (typeof source === 'string') return new TextEncoder().encode(source);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
