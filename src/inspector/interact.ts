/**
 * Ties the tables to the hex view, both ways: focusing or hovering a row highlights its bytes;
 * hovering a byte highlights the smallest field holding it, clicking it moves the focus there.
 * Arrow keys move between rows, Enter on a record in the list jumps to its fields.
 */
import type { Span } from './fields.js';
import type { HexView } from './hex.js';
import type { PageContext } from './page.js';

export function interact(ctx: PageContext): { setHex(hex: HexView): void; onByte(offset: number, click: boolean): void } {
  const { root, spans, targets, leaves } = ctx;
  let hex: HexView | undefined;
  let selected: Element | undefined;

  const select = (el: Element | undefined, reveal: boolean) => {
    selected?.classList.remove('hl');
    selected = el;
    el?.classList.add('hl');
    const s = (el && spans.get(el)) || [];
    hex?.highlight(s);
    if (reveal && s[0]) hex?.reveal(s[0][0]);
  };
  const boundTarget = (e: Event) => {
    const el = (e.target as Element).closest?.('[tabindex]');
    return el && spans.has(el) ? el : undefined;
  };
  root.addEventListener('focusin', (e) => select(boundTarget(e) ?? selected, true));
  root.addEventListener('mouseover', (e) => {
    const el = boundTarget(e);
    if (el && el !== selected) select(el, true);
  });
  root.addEventListener('keydown', (e) => {
    const el = boundTarget(e);
    const go = el && (e.key === 'Enter' ? targets.get(el) : e.key === 'ArrowDown' ? el.nextElementSibling : e.key === 'ArrowUp' ? el.previousElementSibling : undefined);
    if (go instanceof HTMLElement && spans.has(go)) {
      e.preventDefault();
      go.focus();
    }
  });
  // The row focused before this part loaded gets its highlight now.
  const focused = document.activeElement;
  return {
    setHex(h) {
      hex = h;
      select(selected ?? (focused && spans.has(focused) ? focused : undefined), false);
    },
    onByte(offset, click) {
      let best: { el: HTMLElement; span: Span } | undefined;
      for (const l of leaves) {
        const [a, b] = l.span;
        if (offset >= a && offset < b && (!best || b - a < best.span[1] - best.span[0])) best = l;
      }
      if (best && click) best.el.focus();
      else if (best) select(best.el, false);
    },
  };
}
