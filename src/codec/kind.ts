import { ROLES } from '../format/roles.js';
import type { TrustListKind, TrustRecord } from '../model/types.js';

/**
 * ITL or CTL: both share one grammar, so guess from FILENAME (`ITL...`, `CTL...`, any path), then
 * from roles (only an ITL lists TVS servers; format.md §6.1). Callers can override the guess.
 */
export function guessKind(filename: string | undefined, records: readonly TrustRecord[]): TrustListKind {
  return kindFromFilename(filename) ?? kindFromRoles(records.map((r) => r.role));
}

/** The kind a FILENAME names (`ITL...` or `CTL...` after any path), if it names one. */
export function kindFromFilename(filename: string | undefined): TrustListKind | undefined {
  const base = filename?.split(/[\\/]/).pop()?.toUpperCase() ?? '';
  if (base.startsWith('ITL')) return 'ITL';
  if (base.startsWith('CTL')) return 'CTL';
  return undefined;
}

/** The kind the roles suggest when FILENAME does not say: TVS means ITL; two or more CallManagers mean CTL. */
export function kindFromRoles(roles: ReadonlyArray<number | undefined>): TrustListKind {
  if (roles.includes(ROLES.TVS)) return 'ITL';
  let servers = 0;
  for (const role of roles) if (role === ROLES['CCM+TFTP'] || role === ROLES.CCM) servers++;
  return servers > 1 ? 'CTL' : 'ITL';
}
