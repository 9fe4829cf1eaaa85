// The core entry must bundle for a browser with no Node built-ins and no runtime dependency; the
// x509 entry must bundle for a browser too (pkijs and asn1js inlined, still no Node built-ins).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [`${ROOT}${entry}`],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
  return { inputs, imports, size: result.outputFiles[0]!.contents.length };
}

describe('browser bundles of the library entries', () => {
  it('the core (itl-codec) bundles with only its own sources: no Node built-ins, no dependencies', async () => {
    const { inputs, imports } = await bundle('src/index.ts');
    expect(imports.filter((p) => p.startsWith('node:') || !p.startsWith('src/'))).toEqual([]);
    expect(inputs.filter((p) => !p.startsWith('src/'))).toEqual([]);
    expect(inputs.filter((p) => p.startsWith('src/x509/') || p.startsWith('src/cli/'))).toEqual([]);
  });

  it('itl-codec/x509 bundles for a browser: pkijs and asn1js inlined, no Node built-ins', async () => {
    const { inputs, imports } = await bundle('src/x509/index.ts');
    expect(imports.filter((p) => p.startsWith('node:'))).toEqual([]);
    expect(inputs.some((p) => p.includes('node_modules/pkijs/'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('src/cli/'))).toEqual([]);
  });
});
