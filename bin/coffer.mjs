#!/usr/bin/env node
// The `coffer` command. The CLI itself is bundled to out/cli/ by scripts/build-cli.mjs, which
// `npm install` runs through the `prepare` script.
try {
  await import('../out/cli/coffer.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('out/cli/coffer.mjs')) throw error;
  console.error('coffer: the CLI is not built yet: run `npm run build:cli`');
  process.exit(1);
}
