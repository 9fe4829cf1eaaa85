/** What the page's core (app.js) hands to its later parts (analysis.js, x509.js). Types only. */
import type { TrustList, TrustListHeader } from '../model/types.js';
import type { Span } from './fields.js';

export interface Picked {
  name: string;
  bytes: Uint8Array;
}

/** What a file turned out to be. `error` is the strict decoding error; `header`/`list` may then come from a lenient reading. */
export interface Decoded {
  file: Picked;
  signed: boolean;
  header?: TrustListHeader;
  list?: TrustList;
  error?: unknown;
}

export interface PageContext {
  main: Decoded;
  installed?: Decoded;
  /** The SIGNATURE element of the main file's header. */
  signature?: Span;
  /** Placeholders to fill; absent when the section does not apply. */
  slots: { md5: HTMLElement; sha1: HTMLElement; publicKeys: { cell: HTMLElement; key: Uint8Array }[]; signature?: HTMLElement; trust?: HTMLElement; lint?: HTMLElement; export?: HTMLElement };
  /** Where the hex view goes, how many bytes it shows first (up to the error byte), and the error offset. */
  bytes: { box: HTMLElement; limit: number; errorOffset?: number };
  /** The shown file's part of the page: hover, focus and key listeners go here. */
  root: HTMLElement;
  /** The bytes each focusable element stands for. */
  spans: WeakMap<Element, Span[]>;
  /** Where Enter on an element goes (a record in the list: its first field). */
  targets: WeakMap<Element, HTMLElement>;
  /** The field rows, which a hovered or clicked byte can name. */
  leaves: { el: HTMLElement; span: Span }[];
  /** Make an element focusable and tie it to bytes of the main file (hover/focus highlights them). */
  bind<T extends HTMLElement>(el: T, spans: Span[], leaf?: boolean): T;
  /** False once another file is shown: stop writing into the page. */
  live(): boolean;
}

export interface CertificateSlot {
  tbody: HTMLElement;
  der: Uint8Array;
  span: Span;
}
