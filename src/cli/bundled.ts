/**
 * The trust list `itl inspect` shows when given no file (and `npm start` runs): a signed vector
 * when the package has one, else a CUCM-layout structural vector. Resolved from the package root.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CliError } from './errors.js';

export const PREFERRED_VECTOR = 'vectors/signed/itl-rsa2048-sha1.tlv';
export const STRUCTURAL_DIR = 'vectors/structural';

/** Absolute path of the bundled vector, and the same path relative to the package root for display. */
export function bundledVector(root: string): { path: string; display: string } {
  const preferred = join(root, PREFERRED_VECTOR);
  if (existsSync(preferred)) return { path: preferred, display: PREFERRED_VECTOR };
  const dir = join(root, STRUCTURAL_DIR);
  const candidates = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.tlv') && f.toLowerCase().includes('cucm'))
        .sort()
    : [];
  const first = candidates[0];
  if (first === undefined) {
    throw new CliError('ERR_IO', `no bundled trust list found (${PREFERRED_VECTOR}, or a *cucm*.tlv under ${STRUCTURAL_DIR}/); pass a FILE`);
  }
  const path = join(dir, first);
  return { path, display: relative(root, path).split('\\').join('/') };
}
