/** Terminal styling. Plain text unless stdout is a TTY, and never when NO_COLOR is set (no-color.org). */
import type { CliIo } from './io.js';

export interface Style {
  enabled: boolean;
  heading(text: string): string;
  label(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function styleFor(io: CliIo): Style {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const enabled = io.stdout.isTTY === true && !noColor && io.env.TERM !== 'dumb';
  if (!enabled) return { enabled, heading: plain, label: plain, dim: plain, warn: plain };
  return { enabled, heading: sgr(1, 22), label: sgr(36, 39), dim: sgr(2, 22), warn: sgr(33, 39) };
}
