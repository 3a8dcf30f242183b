/**
 * `npm start` first runs scripts/ensure-electron.mjs, which runs the electron package's own
 * installer. Here it runs in a scratch project holding a copy of that package (so the real one is
 * never touched, downloaded or not) with the download pointed at a closed loopback port.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { unusedPort } from '../helpers/unused-port.js';

const run = promisify(execFile);
const root = process.cwd();
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const { version } = JSON.parse(await readFile(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };

afterEach(removeTempDirs);

/** A project whose node_modules/electron is a fresh copy of ours, as `npm install` leaves it. */
async function scratchProject(): Promise<{ dir: string; electron: string; cache: string }> {
  const dir = await makeTempDir('coffer-start');
  const electron = join(dir, 'node_modules/electron');
  await mkdir(electron, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json']) await cp(join(root, 'node_modules/electron', file), join(electron, file));
  // The installer's own dependencies, resolved from the real install.
  for (const scope of ['@electron', '@electron-internal']) await symlink(join(root, 'node_modules', scope), join(dir, 'node_modules', scope));
  await writeFile(join(dir, 'package.json'), '{}');
  const cache = join(dir, 'electron-cache');
  return { dir, electron, cache };
}

async function ensureElectron(cwd: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'scripts/ensure-electron.mjs')], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('npm start on a fresh install', () => {
  it('gets the Electron binary before electron-vite needs it', () => {
    expect(pkg.scripts.start).toBe('node scripts/ensure-electron.mjs && electron-vite preview');
  });

  it('stops with a clear message when the binary cannot be downloaded, and leaves nothing behind', async () => {
    const { dir, electron, cache } = await scratchProject();
    const mirror = `http://127.0.0.1:${await unusedPort()}/`;
    const result = await ensureElectron(dir, { ELECTRON_MIRROR: mirror, electron_config_cache: cache, ELECTRON_GET_NO_PROGRESS: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Coffer: npm start needs Electron ${version}'s binary, and it could not be downloaded from the mirror ${mirror}`);
    expect(result.stderr).toContain('The coffer CLI');
    await expect(readFile(join(electron, 'path.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('goes on at once, without the network, when the binary is already there', async () => {
    const { dir, electron, cache } = await scratchProject();
    await mkdir(join(electron, 'dist'));
    await writeFile(join(electron, 'dist/version'), `v${version}`);
    await writeFile(join(electron, 'dist/electron'), '');
    await writeFile(join(electron, 'path.txt'), 'electron');
    const mirror = `http://127.0.0.1:${await unusedPort()}/`;
    await expect(ensureElectron(dir, { ELECTRON_MIRROR: mirror, electron_config_cache: cache })).resolves.toMatchObject({ code: 0, stderr: '' });
  });
});
