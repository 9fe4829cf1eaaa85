/**
 * Loads a later part of the page (check.js, x509.js) with a <script> element, which works from
 * file:// as well as over http (import() does not: Chrome treats file:// module loads as
 * cross-origin). Each part sets one global when it runs.
 */
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
const parts = new Map<string, Promise<unknown>>();

export function loadPart<T>(file: string, global: string): Promise<T> {
  let p = parts.get(file);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(file, base).href;
      s.onload = () => ((globalThis as any)[global] ? resolve((globalThis as any)[global]) : reject(new Error(`${file} did not start`)));
      s.onerror = () => {
        parts.delete(file);
        reject(new Error(`${file} could not be loaded`));
      };
      document.head.append(s);
    });
    parts.set(file, p);
  }
  return p as Promise<T>;
}
