#!/usr/bin/env node
// The `itl` command: a shim over the built CLI (dist/cli/main.js). In a checkout, `npm run build` makes it.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write('ERR_NOT_BUILT: dist/cli/main.js is missing; run `npm run build` (or `npm start`, which builds first)\n');
  process.exit(2);
}
await cli.run(process.argv.slice(2));
