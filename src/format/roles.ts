/** Record FUNCTION (role) codes (format.md §4.8). Unknown codes are kept as numbers. */
export const ROLES = {
  SAST: 0,
  CCM: 1,
  'CCM+TFTP': 2,
  TFTP: 3,
  CAPF: 4,
  SRST: 5,
  'APP-SERVER': 7,
  TVS: 21,
} as const;

export type RoleName = keyof typeof ROLES;

/** How Cisco's `show itl`/`show ctl` prints each role, where known. */
const CISCO_LABELS: Record<number, string> = {
  0: 'System Administrator Security Token',
  1: 'CCM',
  2: 'CCM+TFTP',
  3: 'TFTP',
  4: 'CAPF',
  5: 'SRST (unconfirmed code)',
  7: 'APP-SERVER',
  21: 'TVS',
};

const NAMES_BY_CODE = new Map<number, RoleName>(Object.entries(ROLES).map(([n, c]) => [c, n as RoleName]));

/** The role's name, or `ROLE_<n>` for a code no source documents. */
export function roleName(code: number): string {
  return NAMES_BY_CODE.get(code) ?? `ROLE_${code}`;
}

/** Cisco's printed label for a role code. */
export function roleLabel(code: number): string {
  return CISCO_LABELS[code] ?? `unknown role ${code}`;
}

/** A role code from a name (`SAST`, `ccm+tftp`, `APP_SERVER`, `ROLE_6`) or a decimal string; else `undefined`. */
export function parseRole(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 && text <= 0xffff ? text : undefined;
  const norm = text.trim().toUpperCase().replace(/_/g, '-');
  if (norm in ROLES) return ROLES[norm as RoleName];
  const m = /^(?:ROLE-)?(\d+)$/.exec(norm);
  if (m) return parseRole(Number(m[1]));
  return undefined;
}
