import type { Element } from '../model/types.js';

/** Element orders of the two known producers (format.md §3.2, §4.9). */
export type Layout = 'cucm' | 'certutils';


/** Header element list for a layout: placeholders whose values come from the typed fields. */
export function headerLayout(layout: Layout, withSignerVersion: boolean): Element[] {
  const signerInfo = layout === 'cucm' ? [4, 5, 6] : [4, 6, 5];
  return [
    { tag: 1 },
    { tag: 2 },
    ...(withSignerVersion ? [{ tag: 28 }] : []),
    { tag: 3, children: signerInfo.map((tag) => ({ tag })) },
    { tag: 7, children: [{ tag: 8 }, { tag: 9, children: [{ tag: 10 }, { tag: 11 }] }] },
    { tag: 12 },
    { tag: 14 },
    { tag: 15 },
  ];
}

/** Record element list for a layout. Fields left unset in the record are simply not written. */
export function recordLayout(layout: Layout): Element[] {
  const tags = layout === 'cucm' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 5, 6, 4, 7, 8, 9, 10];
  return tags.map((tag) => ({ tag }));
}
