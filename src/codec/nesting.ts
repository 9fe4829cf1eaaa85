import { ItlError } from '../errors.js';
import { tagName } from '../format/tags.js';
import type { Element } from '../model/types.js';

/** The format nests two levels (7 holds 9); like the decoder (decode-header.ts), allow one more and refuse deeper. */
const MAX_CONTAINER_DEPTH = 3;

/**
 * Refuse an element list the decoder could never have produced, before anything walks it
 * recursively: header containers nested deeper than the decoder allows (`ERR_NESTING`, as when
 * decoding) and record elements with children (`ERR_VALUE`). A caller's model nested 100 000 deep,
 * or with a container that holds itself, is then an `ItlError` instead of a stack overflow or an
 * endless walk. The check itself recurses at most MAX_CONTAINER_DEPTH + 1 levels.
 */
export function checkNesting(elements: readonly Element[], namespace: 'header' | 'record', path: string): void {
  if (namespace === 'record') {
    for (const el of elements) {
      if (el.children) throw new ItlError('ERR_VALUE', 'record elements cannot have children', { path: `${path}/${tagName('record', el.tag)}` });
    }
    return;
  }
  checkContainers(elements, 0, path);
}

function checkContainers(elements: readonly Element[], depth: number, path: string): void {
  for (const el of elements) {
    if (!el.children) continue;
    const name = tagName('header', el.tag);
    if (depth >= MAX_CONTAINER_DEPTH) {
      throw new ItlError('ERR_NESTING', `${name} is nested ${depth + 1} containers deep; the format uses at most 2`, { path: `${path}/${name}` });
    }
    checkContainers(el.children, depth + 1, `${path}/${name}`);
  }
}
