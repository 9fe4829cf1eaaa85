/**
 * Slow (ITL_SLOW=1): every bit of bigger signed files. The default run flips every bit of the
 * small ITLs of each digest and of a .sgn (truncate-flip.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { readRoot, readVector } from './lib/corpus.js';
import { flipEveryBit, newTally } from './lib/reject.js';

const RSA1024 = readRoot('vectors/keys/rsa1024-a.cert.der');

describe('flipping any bit is always rejected (slow)', () => {
  it.each([
    'signed/itl-rsa1024-sha1-min.tlv',
    'signed/itl-rsa1024-sha256-min.tlv',
    'signed/itl-rsa1024-sha512-min.tlv',
    'hostile/base-itl-rsa1024-sha1.tlv',
    'hostile/base-itl-rsa2048-sha1.tlv',
    'signed/ctl-rsa1024-sha512-certutils.tlv',
    'signed/itl-rsa4096-sha256.tlv',
    'signed/itl-rsa2048-sha1.tlv',
  ])('%s: every bit', async (name) => {
    const bytes = readVector(name);
    const t = newTally();
    await flipEveryBit(bytes, 'tlv', undefined, t, name);
    expect(t.tried).toBe(bytes.length * 8);
    expect({ accepted: t.accepted, foreign: t.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 600_000);

  it.each(['signed/SEP001122334455.cnf.xml.sgn', 'signed/New_Zealand-g3-tones.xml.sgn'])('%s: every bit (with the signer certificate)', async (name) => {
    const bytes = readVector(name);
    const t = newTally();
    await flipEveryBit(bytes, 'sgn', RSA1024, t, name);
    expect({ accepted: t.accepted, foreign: t.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 600_000);
});
