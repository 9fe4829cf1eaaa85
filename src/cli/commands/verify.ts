import { decodeTrustList, verifySignedFile, verifyTrustList, type VerifyOptions, type VerifyResult } from '../../index.js';
import { readCandidate } from '../../trust/candidate.js';
import { usageError } from '../errors.js';
import { readInput } from '../files.js';
import { stringValue } from '../options.js';
import { digestName, printJson, signerJson } from '../output.js';
import { certificateFromFile } from '../x509.js';
import type { Command } from './command.js';

export const verify: Command = {
  name: 'verify',
  summary: 'check the signature of a trust list or .sgn file',
  usage: 'FILE [--cert CERT | --trust INSTALLED.tlv] [--json]',
  description: [
    "Verifies the signature. A trust list is checked with its own SAST record named by the header's signer",
    'serial and issuer (format.md §5); with --trust, with a SAST record of INSTALLED.tlv instead (the list a phone',
    'holds); with --cert, with that certificate. A .sgn file (header FILENAME ending in .sgn) holds no certificates:',
    'give --cert, or --trust with the phone\'s ITL (whose TFTP or CCM+TFTP records may sign configuration files).',
    '',
    'The first line of output is VALID, or INVALID followed by a stable reason code (SIGNATURE_MISMATCH,',
    'SIGNER_NOT_FOUND, SIGNER_NOT_SAST, MODULUS_MISMATCH, UNSUPPORTED_DIGEST, NO_SIGNATURE, ...).',
    'Exit status: 0 valid, 1 invalid, 2 malformed input or a usage error.',
  ].join('\n'),
  options: {
    cert: { type: 'string', valueName: 'CERT', description: 'verify with this certificate (PEM or DER)' },
    trust: { type: 'string', valueName: 'INSTALLED.tlv', description: "find the signer in this trust list (the one the phone holds)" },
    json: { type: 'boolean', description: 'print one JSON object' },
  },
  positionals: { names: ['FILE'], required: 1 },
  examples: ['itl verify ITLFile.tlv', 'itl verify new-ITLFile.tlv --trust phone-ITLFile.tlv', 'itl verify SEP001122334455.cnf.xml.sgn --cert CallManager.pem'],
  async run({ values, positionals }, ctx) {
    const path = positionals[0]!;
    const certPath = stringValue(values, 'cert');
    const trustPath = stringValue(values, 'trust');
    if (certPath !== undefined && trustPath !== undefined) throw usageError('verify: give --cert or --trust, not both');
    const bytes = await readInput(path, ctx.io);
    const candidate = readCandidate(bytes);
    const signed = candidate.kind === 'config';
    const options: VerifyOptions = {};
    if (certPath !== undefined) options.certificate = await certificateFromFile(certPath, ctx.io);
    if (trustPath !== undefined) options.trustList = decodeTrustList(await readInput(trustPath, ctx.io));

    let result: VerifyResult;
    if (signed && !options.certificate && !options.trustList) {
      result = {
        valid: false,
        reason: 'SIGNER_NOT_FOUND',
        message: 'a .sgn file holds no certificates: give the signer with --cert CERT, or the trust list the phone holds with --trust ITLFile.tlv',
      };
    } else result = signed ? await verifySignedFile(bytes, options) : await verifyTrustList(bytes, options);

    if (values.json) {
      printJson(ctx, {
        file: path === '-' ? '(stdin)' : path,
        kind: signed ? 'sgn' : candidate.kind,
        valid: result.valid,
        reason: result.reason ?? null,
        message: result.message,
        digest: digestName(result.digest),
        signer: signerJson(result.signer),
        signature: result.signature ?? null,
      });
    } else {
      ctx.out(result.valid ? `VALID: ${result.message}\n` : `INVALID ${result.reason}: ${result.message}\n`);
    }
    return result.valid ? 0 : 1;
  },
};
