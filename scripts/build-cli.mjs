// Bundles the `coffer` CLI (main/cli/coffer.ts and the core it uses) into out/cli/coffer.mjs, which
// bin/coffer.mjs runs. Dependencies stay external and load from node_modules at run time. Runs as
// `npm run build:cli`, and from `prepare` so that `npm install` and `npm ci` leave a working CLI.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'out/cli/coffer.mjs');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  // A production-only install (`npm ci --omit=dev`) has no build tools, and needs no CLI build.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.warn('build-cli: esbuild is not installed; skipping the CLI build');
  process.exit(0);
}

const result = await esbuild.build({
  entryPoints: [join(root, 'main/cli/coffer.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22.12',
  packages: 'external',
  outfile,
  write: false,
  logLevel: 'warning',
});
const [output] = result.outputFiles;

// Written beside the target and renamed over it, so a CLI already running (or a test starting one
// while another build runs) never loads a half-written file.
await mkdir(dirname(outfile), { recursive: true });
const temp = `${outfile}.${randomBytes(6).toString('hex')}.tmp`;
try {
  await writeFile(temp, output.contents);
  await rename(temp, outfile);
} catch (error) {
  await rm(temp, { force: true });
  throw error;
}
