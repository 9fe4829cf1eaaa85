/**
 * The hex view: 16 bytes a line, one span per byte, so a field's bytes can be highlighted and a
 * byte can name its field. It scrolls inside its own box, so revealing a byte never moves the page.
 */
import type { Span } from './fields.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class HexView {
  readonly box: HTMLElement;
  private readonly cells: HTMLElement[] = [];
  private lit: Span[] = [];

  /** Shows `data[0, limit)`; `onByte(offset, click)` fires on hover and click. */
  constructor(data: Uint8Array, limit: number, onByte: (offset: number, click: boolean) => void) {
    const box = (this.box = document.createElement('div'));
    box.className = 'hex';
    const frag = document.createDocumentFragment();
    for (let row = 0; row < limit; row += 16) {
      const line = document.createElement('div');
      const off = document.createElement('span');
      off.className = 'o';
      off.textContent = row.toString(16).padStart(8, '0');
      line.append(off);
      let ascii = '';
      for (let i = row; i < Math.min(row + 16, limit); i++) {
        const b = data[i]!;
        const cell = document.createElement('span');
        cell.textContent = HEX[b]!;
        this.cells.push(cell);
        line.append(cell);
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      }
      const text = document.createElement('span');
      text.className = 'a';
      text.textContent = ascii;
      line.append(text);
      frag.append(line);
    }
    box.append(frag);
    const at = (e: Event) => {
      const t = e.target as HTMLElement;
      const line = t.parentElement;
      if (!line || line.parentElement !== box || t === line.firstChild || t === line.lastChild) return undefined;
      return parseInt(line.firstChild!.textContent!, 16) + Array.prototype.indexOf.call(line.children, t) - 1;
    };
    box.addEventListener('mouseover', (e) => {
      const o = at(e);
      if (o !== undefined) onByte(o, false);
    });
    box.addEventListener('click', (e) => {
      const o = at(e);
      if (o !== undefined) onByte(o, true);
    });
  }

  /** A lasting mark (the unsigned SIGNATURE element, the error byte). */
  mark(span: Span, cls: string): void {
    this.each(span, (c) => c.classList.add(cls));
  }

  /** The current highlight: replaces the previous one. */
  highlight(spans: Span[]): void {
    for (const s of this.lit) this.each(s, (c) => c.classList.remove('hl'));
    this.lit = spans;
    for (const s of spans) this.each(s, (c) => c.classList.add('hl'));
  }

  /** Scroll the box (only the box) so that byte `offset` is in view. */
  reveal(offset: number): void {
    const cell = this.cells[offset];
    if (!cell) return;
    const { box } = this;
    const top = cell.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 20) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }

  private each([start, end]: Span, f: (c: HTMLElement) => void): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.cells.length); i++) f(this.cells[i]!);
  }
}
