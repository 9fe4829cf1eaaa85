/** Reading inputs and writing outputs. `-` means standard input / standard output. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors.js';
import { readAll, type CliIo } from './io.js';

export const STDIO = '-';

/** A file's bytes, or all of standard input for `-`. Missing or unreadable files are `ERR_IO`. */
export async function readInput(path: string, io: CliIo): Promise<Uint8Array> {
  if (path === STDIO) return readAll(io.stdin);
  try {
    const buf = await readFile(resolve(io.cwd, path));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new CliError('ERR_IO', `cannot read ${path}: ${ioReason(e)}`, { cause: e });
  }
}

/** UTF-8 text (a leading byte-order mark is dropped). */
export async function readTextInput(path: string, io: CliIo): Promise<string> {
  const text = new TextDecoder('utf-8').decode(await readInput(path, io));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Write bytes to a file, or to standard output for `-`. */
export async function writeOutput(path: string, bytes: Uint8Array, io: CliIo): Promise<void> {
  if (path === STDIO) {
    io.stdout.write(bytes);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, path), bytes);
  } catch (e) {
    throw new CliError('ERR_IO', `cannot write ${path}: ${ioReason(e)}`, { cause: e });
  }
}

function ioReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err?.message ?? String(e);
  }
}
