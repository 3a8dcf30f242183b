// `npm start` runs this first. Since Electron 42 the electron package no longer downloads its binary
// at `npm install`, and electron-vite 6 never asks for it: it reads node_modules/electron/path.txt
// and otherwise stops with "Electron uninstall". So this runs the package's own installer
// (`install-electron`), which returns at once when the binary is there and otherwise downloads it
// (once; @electron/get caches it). Where it cannot be had, it says why and exits 1.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const manifest = require.resolve('electron/package.json');
const { version } = require(manifest);

const installed = spawnSync(process.execPath, [join(dirname(manifest), 'install.js')], { stdio: 'inherit' });
if (installed.status === 0) process.exit(0);

const source = process.env.ELECTRON_MIRROR ? `the mirror ${process.env.ELECTRON_MIRROR}` : "Electron's GitHub releases";
console.error(
  [
    '',
    `Coffer: npm start needs Electron ${version}'s binary, and it could not be downloaded from ${source}`,
    `(the error above; installer exit ${installed.status ?? installed.signal}). Without network access it cannot be had:`,
    'connect and run `npm start` again, or set ELECTRON_MIRROR to a mirror you can reach. It is downloaded',
    'once and cached. The coffer CLI (`npx coffer`) runs without it, and so does `npm test` (its Electron E2E tests skip).',
  ].join('\n'),
);
process.exit(1);
