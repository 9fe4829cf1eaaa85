import { ROLES } from '../format/roles.js';
import type { TrustListKind, TrustRecord } from '../model/types.js';

/**
 * ITL or CTL: both share one grammar, so guess from FILENAME (`ITL...`, `CTL...`, any path), then
 * from roles (only an ITL lists TVS servers; format.md §6.1). Callers can override the guess.
 */
export function guessKind(filename: string | undefined, records: readonly TrustRecord[]): TrustListKind {
  const base = filename?.split(/[\\/]/).pop()?.toUpperCase() ?? '';
  if (base.startsWith('ITL')) return 'ITL';
  if (base.startsWith('CTL')) return 'CTL';
  if (records.some((r) => r.role === ROLES.TVS)) return 'ITL';
  const servers = records.filter((r) => r.role === ROLES['CCM+TFTP'] || r.role === ROLES.CCM);
  return servers.length > 1 ? 'CTL' : 'ITL';
}
