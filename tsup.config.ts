import { defineConfig } from 'tsup';

// Two library entries (the dependency-free core and the pkijs-backed x509 part) and the CLI.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'x509/index': 'src/x509/index.ts',
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: { entry: { index: 'src/index.ts', 'x509/index': 'src/x509/index.ts' } },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ['pkijs', 'asn1js'],
  tsconfig: 'tsconfig.build.json',
});
