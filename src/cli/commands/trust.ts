import { evaluateTrust, type TrustDecision } from '../../index.js';
import { EXIT } from '../errors.js';
import { readInput } from '../files.js';
import { choice, stringValue } from '../options.js';
import { printJson } from '../output.js';
import type { Command } from './command.js';

const KINDS = { itl: 'ITL', ctl: 'CTL', config: 'config' } as const;

const VERDICT = (d: TrustDecision) => (d.accepted === true ? 'ACCEPTED' : d.accepted === false ? 'REJECTED' : 'NEEDS-TVS');

/** The explanation one sentence a line (it is two or three sentences). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?]["')]?)\s+(?=[A-Z"(])/);
}

export const trust: Command = {
  name: 'trust',
  summary: 'tell whether a phone holding INSTALLED would accept CANDIDATE, and why',
  usage: '[--installed ITL.tlv] [--installed-ctl CTL.tlv] CANDIDATE [--kind itl|ctl|config] [--itl-anchors sast|sast+tftp] [--json]',
  description: [
    'Applies the phone rules of format.md §6-§7 to a trust list or a .sgn file (told apart by the header FILENAME):',
    'first use when nothing is installed, signers of the installed CTL then ITL with allowed roles, blank rollback',
    'ITLs, TVS, TFTP-role signers for configuration files. The signature must verify with the installed key.',
    'Without --installed and --installed-ctl: a phone with nothing installed.',
    '',
    'Prints ACCEPTED, REJECTED or NEEDS-TVS and the rule that decided, the explanation, then remedies.',
    '--kind config treats CANDIDATE as a configuration file (signed or not). --itl-anchors sast+tftp also lets TFTP',
    'records of the installed ITL sign a new ITL (CUCM 8 documents); the default sast follows later firmware.',
    'Exit status: 0 accepted, 1 rejected, 3 the phone would ask TVS, 2 malformed input or a usage error.',
  ].join('\n'),
  options: {
    installed: { type: 'string', valueName: 'ITL.tlv', description: 'the ITL the phone holds' },
    'installed-ctl': { type: 'string', valueName: 'CTL.tlv', description: 'the CTL the phone holds' },
    kind: { type: 'string', valueName: 'KIND', description: 'what CANDIDATE is: itl, ctl or config (default: from the file)' },
    'itl-anchors': { type: 'string', valueName: 'WHO', description: 'installed ITL records that may sign a new ITL/CTL: sast (default) or sast+tftp' },
    json: { type: 'boolean', description: 'print one JSON object (the decision)' },
  },
  positionals: { names: ['CANDIDATE'], required: 1 },
  examples: [
    'itl trust --installed phone/ITLFile.tlv new-cluster/ITLFile.tlv',
    'itl trust --installed ITLFile.tlv SEP001122334455.cnf.xml.sgn',
    'itl trust --installed ITLFile.tlv SEP001122334455.cnf.xml --kind config',
  ],
  async run({ values, positionals }, ctx) {
    const path = positionals[0]!;
    const kindFlag = choice('trust', values, 'kind', Object.keys(KINDS) as (keyof typeof KINDS)[]);
    const anchors = choice('trust', values, 'itl-anchors', ['sast', 'sast+tftp'] as const);
    const itlPath = stringValue(values, 'installed');
    const ctlPath = stringValue(values, 'installed-ctl');
    const [candidate, itl, ctl] = await Promise.all([
      readInput(path, ctx.io),
      itlPath !== undefined ? readInput(itlPath, ctx.io) : undefined,
      ctlPath !== undefined ? readInput(ctlPath, ctx.io) : undefined,
    ]);
    const decision = await evaluateTrust({
      candidate,
      installed: { ...(itl && { itl }), ...(ctl && { ctl }) },
      ...(kindFlag && { kind: KINDS[kindFlag] }),
      ...(anchors && { rules: { itlAnchors: anchors } }),
    });
    if (values.json) {
      printJson(ctx, {
        candidate: path === '-' ? '(stdin)' : path,
        installed: { itl: itlPath ?? null, ctl: ctlPath ?? null },
        verdict: VERDICT(decision).toLowerCase(),
        ...decision,
      });
    } else {
      const lines = [`${VERDICT(decision)} ${decision.rule}`, ...sentences(decision.explanation)];
      if (decision.remedies.length > 0) lines.push('', 'Remedies:', ...decision.remedies.map((r) => `  - ${r.code}: ${r.text}`));
      ctx.out(lines.join('\n') + '\n');
    }
    return decision.accepted === true ? EXIT.OK : decision.accepted === false ? EXIT.FOUND_WANTING : EXIT.NEEDS_TVS;
  },
};
