/**
 * docs/inspector/app.js: the page's core. Reads the dropped or picked file in the page (nothing
 * is sent anywhere: the page's CSP has connect-src 'none'), decodes it with the library's own
 * decoder and shows the header and the records. analysis.js (hex view, checksums, signature,
 * trust, lint, JSON export) and x509.js (certificate details) load after that first render.
 */
import { decodeTrustList } from '../codec/decode.js';
import { ItlError } from '../errors.js';
import { roleName } from '../format/roles.js';
import { decodeSignedFile } from '../signed-file/signed-file.js';
import type { AnalysisApi } from './analysis-entry.js';
import { h, type Child } from './dom.js';
import { elementRows, errorText, hexOffset, plural, recordSpan, signatureSpan, type Row, type Span } from './fields.js';
import { loadPart } from './lazy.js';
import type { CertificateSlot, Decoded, PageContext, Picked } from './page.js';
import type { X509Api } from './x509-entry.js';

const $ = (id: string) => document.getElementById(id)!;
const out = $('out');
const status = $('status');
let main: Picked | undefined;
let installed: Picked | undefined;
let generation = 0;

// What each focusable element stands for in the file, where Enter on it goes, and the fields a hovered byte can name.
const spans = new WeakMap<Element, Span[]>();
const targets = new WeakMap<Element, HTMLElement>();
let leaves: PageContext['leaves'] = [];

/** `.sgn` (or `.sha512`) by the picked name or the header's FILENAME, as evaluateTrust tells them apart. */
const SIGNED = /\.(sgn|sha512)$/i;

function decode(file: Picked): Decoded {
  let signed = SIGNED.test(file.name);
  const read = (lenient: boolean): Decoded => {
    if (signed) return { file, signed, header: decodeSignedFile(file.bytes, { lenient }).header };
    const list = decodeTrustList(file.bytes, { lenient });
    return { file, signed, header: list.header, list };
  };
  try {
    signed ||= SIGNED.test(decodeSignedFile(file.bytes).header.filename ?? '');
  } catch {
    // not even a header: the strict reading below says why
  }
  try {
    return read(false);
  } catch (error) {
    try {
      return { ...read(true), error };
    } catch {
      return { file, signed, error };
    }
  }
}

function bind<T extends HTMLElement>(el: T, s: Span[], leaf = false): T {
  el.tabIndex = 0;
  spans.set(el, s);
  if (leaf && s[0]) leaves.push({ el, span: s[0] });
  return el;
}

const section = (id: string, title: string, ...kids: Child[]) => h('section', { id, 'aria-labelledby': id + '-h' }, h('h2', { id: id + '-h' }, title), kids);
const cells = (tag: string, items: Child[]) => items.map((c) => h(tag, tag === 'th' ? { scope: 'col' } : null, c));
const table = (cls: string, head: string[], ...rows: Child[]) => h('table', { class: cls }, h('thead', null, h('tr', null, cells('th', head))), h('tbody', null, rows));
let publicKeys: PageContext['slots']['publicKeys'] = [];
function fieldRow(r: Row): HTMLElement {
  const cell = h('td', null, r.value);
  if (r.publicKey) publicKeys.push({ cell, key: r.publicKey });
  return bind(h('tr', { class: `d${r.depth}` }, h('td', { class: 'num' }, String(r.span[0])), h('th', { scope: 'row' }, r.label, h('small', null, r.tag)), cell), [r.span], true);
}
const fieldTable = (rows: Row[], extra?: Child) => h('div', { class: 'scroll' }, table('fields', ['Offset', 'Field', 'Value'], rows.map(fieldRow), extra));
const pair = (label: string, value: Child, s?: Span[]) => {
  const tr = h('tr', null, h('th', { scope: 'row' }, label), h('td', null, value));
  return s ? bind(tr, s) : tr;
};
const pending = (id: string) => h('div', { id: id + '-body' }, h('p', { class: 'status' }, 'Checking…'));

function show(): void {
  const gen = ++generation;
  leaves = [];
  publicKeys = [];
  if (!main) return;
  const d = decode(main);
  const { bytes, name } = main;
  const { list, header, error, signed } = d;
  const whole: Span[] = [[0, bytes.length]];
  const md5 = h('code', null, '…');
  const sha1 = h('code', null, '…');
  const payload = signed && header?.headerLength !== undefined ? ([header.headerLength, bytes.length] as Span) : undefined;
  const info: Child[] = [
    section(
      'summary',
      `${signed ? 'Signed file' : list ? `${list.kind} trust list` : 'File'}  ${name}`,
      h(
        'table',
        { class: 'pairs' },
        pair('Kind', signed ? 'signed file (.sgn)' : (list?.kind ?? 'unknown')),
        pair('File length', plural(bytes.length)),
        pair('MD5', md5, whole),
        pair('SHA-1', sha1, whole),
        list && pair('Records', String(list.records.length)),
        payload && pair('Payload', plural(payload[1] - payload[0]), [payload]),
      ),
    ),
  ];

  // A trust list over 64 KiB is already too big for a phone; a huge file gets its first 64 KiB in hex, and a button.
  let limit = Math.min(bytes.length, 0x10000);
  const offset = error instanceof ItlError ? error.offset : undefined;
  if (error !== undefined) {
    if (offset !== undefined) limit = Math.min(limit, offset + 1);
    info.push(
      h(
        'section',
        { id: 'error', class: 'error', role: 'alert' },
        h('h2', null, 'This file does not decode'),
        h('p', { class: 'code' }, errorText(error)),
        offset !== undefined && h('p', null, `Error offset: ${hexOffset(offset)}. The bytes are shown up to the error byte${offset < bytes.length ? '' : ', which would be past the end of the file'}.`),
        header && h('p', null, `What a lenient reading got before the problem is shown below${list ? ` (${plural(list.records.length, 'record')})` : ''}.`),
      ),
    );
  }

  const ok = error === undefined && header !== undefined;
  const slots: PageContext['slots'] = { md5, sha1, publicKeys };
  if (header) info.push(section('signature', 'Signature', ok ? (slots.signature = pending('signature')) : h('p', { id: 'sig-status', class: 'status' }, 'Not checked: the file does not decode.')));
  if (ok && installed) info.push(section('trust', 'Would a phone accept it?', (slots.trust = pending('trust'))));
  if (ok && list) info.push(section('lint', 'Lint', (slots.lint = pending('lint'))));
  if (header) info.push(section('header', 'Header', fieldTable([...elementRows(header.elements, 'header'), ...(payload ? [{ label: 'Payload', tag: '(after the header)', value: plural(payload[1] - payload[0]), span: payload, depth: 0 }] : [])])));

  const certs: CertificateSlot[] = [];
  if (list) {
    const n = list.records.length;
    const details = list.records.map((r, i) => {
      const tbody = h('tbody', { class: 'cert' });
      const el = r.elements.find((e) => e.tag === 9 && e.value === r.certificate);
      if (r.certificate && el?.offset !== undefined) certs.push({ tbody, der: r.certificate, span: [el.offset, el.offset + 3 + r.certificate.length] });
      return h('section', { id: `record-${i + 1}`, class: 'record' }, h('h3', null, `Record ${i + 1} of ${n}${r.role !== undefined ? '  ' + roleName(r.role) : ''}`), fieldTable(elementRows(r.elements, 'record'), tbody));
    });
    const overview = list.records.map((r, i) => {
      const tr = bind(h('tr', null, cells('td', [String(i + 1), String(r.offset ?? ''), String(r.recordLength ?? ''), r.role !== undefined ? roleName(r.role) : '(none)', r.subjectName ?? r.dnsName ?? '', r.ipAddress ?? ''])), [recordSpan(r)]);
      targets.set(tr, details[i]!.querySelector('tbody tr') as HTMLElement);
      return tr;
    });
    info.push(
      section(
        'records',
        `Records (${n})`,
        n ? h('div', { class: 'scroll' }, table('overview', ['#', 'Offset', 'Length', 'Role', 'Subject', 'IP address'], overview)) : h('p', null, 'No records.'),
        details,
      ),
    );
    if (list.warnings?.length || list.trailing) {
      info.push(section('warnings', 'Tolerated by the lenient reading', h('ul', null, list.warnings?.map((w) => h('li', null, `${w.code}: ${w.message}`)), list.trailing && h('li', null, `${plural(list.trailing.length)} after the last readable record`))));
    }
    if (ok) info.push(section('export', 'Export', (slots.export = h('p'))));
  }

  const signature = header && signatureSpan(header.elements);
  const box = h('div', null, h('p', { class: 'note' }, 'Loading the hex view…'));
  const root = h('div', { class: 'layout' }, h('div', { class: 'info' }, info), h('aside', { class: 'bytes', 'aria-labelledby': 'bytes-h' }, h('h2', { id: 'bytes-h' }, 'Bytes'), box));
  out.replaceChildren(root);
  status.textContent = `${name}: ${error === undefined ? 'decoded' : 'does not decode'}.`;
  out.dataset.file = name;
  delete out.dataset.ready;

  // The later parts fill their placeholders, only while this file is still the one shown.
  const live = () => gen === generation;
  const ctx: PageContext = {
    main: d,
    ...(installed && { installed: decode(installed) }),
    ...(signature && { signature }),
    slots,
    bytes: { box, limit, ...(offset !== undefined && { errorOffset: offset }) },
    root,
    spans,
    targets,
    leaves,
    bind,
    live,
  };
  const fail = (where: HTMLElement | undefined) => (e: unknown) => live() && where?.append(h('p', { class: 'status bad' }, `Could not load this part of the page: ${String(e)}`));
  void Promise.all([
    loadPart<AnalysisApi>('analysis.js', 'itlInspectorAnalysis').then((api) => api.runAnalysis(ctx)).catch(fail(box)),
    certs.length && loadPart<X509Api>('x509.js', 'itlInspectorX509').then((api) => api.showCertificates(certs, ctx)).catch(fail(certs[0]?.tbody)),
  ]).then(() => live() && (out.dataset.ready = name));
}

async function take(files: FileList | null | undefined, slot: 'main' | 'installed'): Promise<void> {
  const picked = await Promise.all([...(files ?? [])].slice(0, 2).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  if (!picked[0]) return;
  if (slot === 'installed') installed = picked[0];
  else {
    main = picked[0];
    installed = picked[1] ?? installed;
  }
  $('installed-name').textContent = installed ? `Installed: ${installed.name}` : '';
  $('clear').hidden = !installed;
  show();
}

for (const [id, slot] of [['file', 'main'], ['installed', 'installed']] as const) {
  const input = $(id) as HTMLInputElement;
  input.addEventListener('change', () => void take(input.files, slot));
}
$('clear').addEventListener('click', () => {
  installed = undefined;
  ($('installed') as HTMLInputElement).value = '';
  $('installed-name').textContent = '';
  $('clear').hidden = true;
  show();
});
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  (e.target as Element).closest?.('.drop')?.classList.add('over');
});
document.addEventListener('dragleave', (e) => (e.target as Element).closest?.('.drop')?.classList.remove('over'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  const zone = (e.target as Element).closest?.('.drop');
  zone?.classList.remove('over');
  void take(e.dataTransfer?.files, zone?.id === 'drop-installed' ? 'installed' : 'main');
});
