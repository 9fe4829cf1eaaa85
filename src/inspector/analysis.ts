/**
 * The page's second part (analysis.js): the hex view, checksums, the signature, trust evaluation
 * against the installed list, lint, key summaries and the JSON download. Loaded after the first
 * render; it fills the places the core left (PageContext).
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { toHex } from '../bytes/hex.js';
import { verifyTrustList, type VerifyResult } from '../crypto/verify.js';
import { roleName } from '../format/roles.js';
import { lintTrustList } from '../analysis/lint.js';
import { describePublicKey, publicKeySummary } from '../cli/inspect/public-key.js';
import { toJSON } from '../json/to-json.js';
import type { TrustList } from '../model/types.js';
import { verifySignedFile } from '../signed-file/sign-file.js';
import { evaluateTrust } from '../trust/evaluate.js';
import { fill, h, type Child } from './dom.js';
import { HexView } from './hex.js';
import { interact } from './interact.js';
import { digestText, errorText, hexOffset, plural, recordSpan } from './fields.js';
import type { PageContext } from './page.js';

export async function runAnalysis(ctx: PageContext): Promise<void> {
  const { main, installed, slots, bind } = ctx;
  const { bytes, name } = main.file;
  showBytes(ctx);
  // What a phone shows under Settings > Security > Trust List (MD5 is not in WebCrypto).
  slots.md5.textContent = toHex(md5(bytes));
  slots.sha1.textContent = toHex(sha1(bytes));
  for (const { cell, key } of slots.publicKeys) cell.textContent = publicKeySummary(describePublicKey(key));

  const list = main.list;
  if (slots.export && list) {
    slots.export.append(h('button', { type: 'button', id: 'export-json', onclick: () => download(list, name) }, 'Download the JSON form'), ' the lossless JSON form (itl-codec/trust-list@1): every element in file order, as itl decode writes it.');
  }

  const instList = installed && installed.error === undefined ? installed.list : undefined;
  const pair = (label: string, value: Child, s?: [number, number][]) => {
    const tr = h('tr', null, h('th', { scope: 'row' }, label), h('td', null, value));
    return s ? bind(tr, s) : tr;
  };

  if (slots.signature) {
    // A .sgn names no certificate of its own: only the installed list can say who signed it.
    const result: VerifyResult | undefined = main.signed ? (instList ? await verifySignedFile(bytes, { trustList: instList }) : undefined) : await verifyTrustList(bytes);
    if (!ctx.live()) return;
    const rows: Child[] = [];
    let headline: string;
    let cls = 'status';
    if (!result) {
      headline = 'Not checked: a .sgn file carries no certificate. Add the trust list the phone has installed to check who signed it.';
    } else {
      headline = result.valid ? 'Signature valid' : `Signature invalid: ${result.reason}`;
      cls += result.valid ? ' ok' : ' bad';
      rows.push(pair(result.valid ? 'Result' : 'Reason', result.message));
      const s = result.signer;
      if (s?.recordIndex !== undefined) {
        const own = s.source === 'file';
        const what = `${own ? 'record' : `installed ${instList?.kind ?? ''} record`} ${s.recordIndex + 1} (${s.role !== undefined ? roleName(s.role) : 'no role'}${s.subjectName ? ', ' + s.subjectName : ''})`;
        const rec = own ? list?.records[s.recordIndex] : undefined;
        rows.push(pair(result.valid ? 'Signed by' : 'Signer tried', what, rec && [recordSpan(rec)]));
      }
      if (result.digest !== undefined) rows.push(pair('Digest', digestText(result.digest)));
    }
    const sig = ctx.signature;
    if (sig) {
      rows.push(pair('Signature element', `${plural(sig[1] - sig[0])} at ${hexOffset(sig[0])}: not signed`, [sig]));
      rows.push(pair('Signed range', `${plural(bytes.length - (sig[1] - sig[0]))}: the whole file minus the SIGNATURE element`, [[0, sig[0]], [sig[1], bytes.length]]));
    }
    fill(slots.signature, h('p', { id: 'sig-status', class: cls }, headline), h('table', { class: 'pairs' }, rows));
  }

  if (slots.trust && installed) {
    let verdict: Child[];
    if (!instList) {
      verdict = [h('p', { id: 'trust-verdict', class: 'status bad' }, `The installed file ${installed.file.name} does not decode as a trust list: ${errorText(installed.error)}`)];
    } else {
      const t = await evaluateTrust({
        installed: { [instList.kind === 'CTL' ? 'ctl' : 'itl']: installed.file.bytes },
        candidate: bytes,
        ...(main.signed && { kind: 'config' as const }),
      });
      const would = t.accepted === false ? 'would not accept' : 'would accept';
      verdict = [
        h('p', { id: 'trust-verdict', class: `status ${t.accepted === true ? 'ok' : 'bad'}` }, `A phone holding ${installed.file.name} (${instList.kind}) ${would} ${name}${t.accepted === 'needs-tvs' ? ' only if the TVS servers its ITL lists vouch for the signer' : ''}.`),
        h('p', null, h('strong', null, 'Because: '), t.explanation),
        h('p', { class: 'note' }, `Rule: ${t.rule}`),
        t.remedies.length > 0 && [h('h3', null, 'Remedies'), h('ol', { class: 'remedies' }, t.remedies.map((r) => h('li', null, h('code', null, r.code), ' ', r.text)))],
      ];
    }
    if (!ctx.live()) return;
    fill(slots.trust, verdict);
  }

  if (slots.lint && list) {
    const res = lintTrustList(bytes, { fileName: name });
    const items = res.findings.map((f) => {
      const li = h('li', { class: `sev-${f.severity}` }, h('strong', null, f.severity), ' ', h('code', null, f.code), ' ', f.message);
      const spans = (f.records ?? []).flatMap((i) => (list.records[i] ? [recordSpan(list.records[i]!)] : []));
      return spans.length ? bind(li, spans) : li;
    });
    const c = res.counts;
    fill(
      slots.lint,
      h('p', { id: 'lint-status', class: `status ${res.ok ? 'ok' : 'bad'}` }, items.length ? `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info` : 'No findings.'),
      items.length > 0 && h('ul', { class: 'findings' }, items),
    );
  }
}

function download(list: TrustList, name: string): void {
  const blob = new Blob([JSON.stringify(toJSON(list), null, 2) + '\n'], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: name.replace(/\.[^.]*$/, '') + '.json' }) as HTMLAnchorElement;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** The hex view: up to the error byte first (with a button for the rest), the unsigned SIGNATURE element marked. */
function showBytes(ctx: PageContext): void {
  const { bytes } = ctx.main.file;
  const { box, limit, errorOffset } = ctx.bytes;
  const sig = ctx.signature;
  const link = interact(ctx);
  const draw = (n: number) => {
    const hex = new HexView(bytes, n, link.onByte);
    hex.box.tabIndex = 0;
    hex.box.setAttribute('aria-label', 'File bytes in hex');
    if (sig) hex.mark(sig, 'ns');
    if (errorOffset !== undefined) hex.mark([errorOffset, errorOffset + 1], 'err');
    fill(
      box,
      h('p', { class: 'legend' }, h('span', { class: 'hl' }, 'selected field'), sig && h('span', { class: 'ns' }, 'SIGNATURE element (the rest is signed)'), errorOffset !== undefined && h('span', { class: 'err' }, 'error byte')),
      n < bytes.length && h('p', { class: 'note' }, n === errorOffset! + 1 ? 'Shown up to the error byte. ' : `Shown: the first ${plural(n)}. `, h('button', { type: 'button', id: 'show-all', onclick: () => draw(bytes.length) }, `Show all ${plural(bytes.length)}`)),
      hex.box,
    );
    link.setHex(hex);
  };
  draw(limit);
}
