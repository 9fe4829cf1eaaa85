import { defineConfig } from 'tsup';

export default defineConfig([
  // Two library entries (the dependency-free core and the pkijs-backed x509 part) and the CLI.
  {
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
  },
  // The static inspector page (docs/inspector/): classic scripts, because Chrome refuses ES
  // modules and import() on file:// pages. app.js decodes the file and shows its tables;
  // analysis.js (hex view, checksums, signature, trust, lint, JSON export) and x509.js (pkijs)
  // are loaded after it with a <script> element.
  // Committed, so the page works from a clone and from GitHub Pages; test/browser checks it.
  {
    entry: {
      app: 'src/inspector/main.ts',
      analysis: 'src/inspector/analysis-entry.ts',
      x509: 'src/inspector/x509-entry.ts',
    },
    outDir: 'docs/inspector',
    outExtension: () => ({ js: '.js' }),
    format: ['iife'],
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: false,
    dts: false,
    clean: false,
    splitting: false,
    treeshake: true,
    noExternal: [/.*/],
    tsconfig: 'tsconfig.build.json',
  },
]);
