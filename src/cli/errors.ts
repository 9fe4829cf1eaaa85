/**
 * CLI-level errors. Library errors (`ItlError`) already carry a stable `code`; these add the two
 * the CLI itself raises. Every error is reported as ONE stderr line that starts with its code.
 */

/** Exit codes: 0 ok, 1 checked and found wanting (verify, trust, diff, lint), 2 malformed input or usage, 3 `trust`: the phone would ask TVS. */
export const EXIT = {
  OK: 0,
  FOUND_WANTING: 1,
  BAD_INPUT: 2,
  /** `itl trust`: the phone cannot decide alone and would ask the TVS servers its ITL lists. */
  NEEDS_TVS: 3,
  /** A bug in itl-codec itself (an exception that is not one of ours). */
  INTERNAL: 70,
} as const;

export type CliErrorCode = 'ERR_USAGE' | 'ERR_IO';

export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = options?.exitCode ?? EXIT.BAD_INPUT;
  }
}

export function usageError(message: string): CliError {
  return new CliError('ERR_USAGE', message);
}

/** Any error with a stable `ERR_...` code (ItlError, X509Error, CliError) is expected input trouble. */
function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^ERR_[A-Z0-9_]+$/.test(code) ? code : undefined;
}

/** The one stderr line and the exit code for an error. */
export function describeError(e: unknown): { line: string; exitCode: number } {
  const code = codeOf(e);
  const message = oneLine(e instanceof Error ? e.message : String(e));
  if (code === undefined) return { line: `ERR_INTERNAL: ${message}`, exitCode: EXIT.INTERNAL };
  const exitCode = e instanceof CliError ? e.exitCode : EXIT.BAD_INPUT;
  return { line: `${code}: ${message}`, exitCode };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The same error code with a hint for the command line appended to the message (e.g. which flag gives a password). */
export function withHint(e: unknown, hint: string): unknown {
  const code = codeOf(e);
  if (code === undefined || !(e instanceof Error)) return e;
  const out = new Error(`${e.message} (${hint})`, { cause: e }) as Error & { code: string };
  out.code = code;
  return out;
}
