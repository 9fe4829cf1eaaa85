/** The docs cannot drift: generated tables match src/format, and every vector's JSON form fits the schema. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTrustList, toJSON } from '../../src/index.js';
import { applyBlocks, FORMAT_DOC, generatedBlocks } from '../../scripts/gen-docs-tables.js';
import { goodVectors, inlineVector, readVector, ROOT } from './fixtures.js';
import { validate } from './mini-schema.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'trust-list.schema.json'), 'utf8')) as Record<string, unknown>;

describe('docs/format.md', () => {
  it('has tables generated from src/format that are up to date (npm run docs:tables)', () => {
    const text = readFileSync(FORMAT_DOC, 'utf8');
    expect(applyBlocks(text)).toBe(text);
  });

  it('lists every role and record tag the code knows', () => {
    const blocks = generatedBlocks();
    expect(blocks.roles).toContain('`TVS`');
    expect(blocks['record-tags']).toContain('`record.certificateHash`');
    expect(blocks['header-tags']).toContain('container of 10, 11');
  });
});

describe('docs/trust-list.schema.json', () => {
  const inputs: [string, Uint8Array][] = [['inline ITL', inlineVector().bytes], ...goodVectors().map((p): [string, Uint8Array] => [p, readVector(p)])];

  it.each(inputs)('accepts toJSON of %s', (_, bytes) => {
    expect(validate(schema, toJSON(decodeTrustList(bytes)))).toEqual([]);
  });

  it('accepts a lenient decode with trailing bytes', () => {
    const bytes = inlineVector().bytes;
    const json = toJSON(decodeTrustList(bytes.subarray(0, bytes.length - 1), { lenient: true }));
    expect(json.trailing).toBeDefined();
    expect(validate(schema, json)).toEqual([]);
  });

  it('rejects what is not the JSON form (so the validator really checks)', () => {
    const good = toJSON(decodeTrustList(inlineVector().bytes));
    const bad = (edit: (j: any) => void) => {
      const j = JSON.parse(JSON.stringify(good));
      edit(j);
      return validate(schema, j);
    };
    expect(bad((j) => (j.format = 'other'))).not.toEqual([]);
    expect(bad((j) => (j.header[0].value = 1.2))).not.toEqual([]);
    expect(bad((j) => (j.records[0].elements[0].value = -1))).not.toEqual([]);
    expect(bad((j) => (j.records[0].elements[1].hex = 'xyz'))).not.toEqual([]);
    expect(bad((j) => (j.records[0].extra = true))).not.toEqual([]);
    expect(bad((j) => delete j.header[0].name)).not.toEqual([]);
    expect(bad((j) => (j.header[2].children = 'none'))).not.toEqual([]);
  });
});
