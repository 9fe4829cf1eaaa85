// Shared by the test/codec tests: the vector manifest, and views of decoded element lists.
import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { ItlError, type Element } from '../../src/index.js';

export const VECTORS_DIR = new URL('../../vectors/', import.meta.url);

export interface ErrorExpect {
  code: string;
  offset: number;
  path?: string;
}

export interface ManifestEntry {
  file: string;
  source: string;
  valid: boolean;
  size: number;
  sha256: string;
  expect: Record<string, unknown> & { error?: ErrorExpect };
  lenient?: { error?: ErrorExpect; warnings?: ErrorExpect[]; recordCount?: number; trailingLength?: number };
  signature?: unknown;
}

export function loadManifest(): ManifestEntry[] {
  const doc = JSON.parse(readFileSync(new URL('manifest.json', VECTORS_DIR), 'utf8')) as { vectors: ManifestEntry[] };
  return doc.vectors;
}

export function readVector(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, VECTORS_DIR)));
}

/** "1,2,3{4,5,6},7{8,9{10,11}},12,14,15,13": the tag layout of an element list (the manifest's notation). */
export function layoutOf(elements: readonly Element[]): string {
  return elements.map((e) => (e.children ? `${e.tag}{${layoutOf(e.children)}}` : String(e.tag))).join(',');
}

/** Number of header PADDING elements, inside containers too. */
export function countPadding(elements: readonly Element[]): number {
  return elements.reduce((n, e) => n + (e.children ? countPadding(e.children) : e.tag === 13 && e.value === undefined ? 1 : 0), 0);
}

/** Run `fn` and return the ItlError it throws (failing the test when it throws nothing or something else). */
export function catchItl(fn: () => unknown): ItlError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ItlError);
    return e as ItlError;
  }
  throw new Error('expected an ItlError, nothing was thrown');
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function bytesOf(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/[\s|]/g, ''), 'hex'));
}
