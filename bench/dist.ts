/**
 * The build under test. `npm run bench` builds the package with its own tsup config (the same
 * output users get in dist/) into node_modules/.cache/itl-codec-bench/, a folder no other build
 * cleans while the bench runs. ITL_BENCH_DIST=dist measures the checkout's dist/ instead.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DIST_DIR = process.env.ITL_BENCH_DIST
  ? resolve(process.env.ITL_BENCH_DIST)
  : fileURLToPath(new URL('../node_modules/.cache/itl-codec-bench/', import.meta.url));

const load = (path: string) => import(pathToFileURL(join(DIST_DIR, path)).href);

// Typed from the sources the build is made from.
export const core = (await load('index.js')) as typeof import('../src/index.js');
export const x509 = (await load('x509/index.js')) as typeof import('../src/x509/index.js');
/** The CLI module that bin/itl.js runs. */
export const CLI_MAIN = pathToFileURL(join(DIST_DIR, 'cli/main.js')).href;
