/** A tiny element builder: no innerHTML anywhere, so file contents can never become markup. */
export type Child = Node | string | null | undefined | false | Child[];

export function h(tag: string, props?: Record<string, string | number | EventListener> | null, ...kids: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  el.append(...flat(kids));
  return el;
}

function flat(kids: Child[]): (Node | string)[] {
  return kids.flatMap((k) => (Array.isArray(k) ? flat(k) : k === null || k === undefined || k === false ? [] : [k]));
}

/** Replace an element's children. */
export function fill(el: HTMLElement, ...kids: Child[]): void {
  el.replaceChildren(...flat(kids));
}
