import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../helpers/electron-binary.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterEach(removeTempDirs);

/** An electron package folder as npm leaves it: package.json, and path.txt only after a download. */
async function electronPackage(): Promise<string> {
  const dir = await makeTempDir('coffer-electron-pkg');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  return dir;
}

describe("finding the development Electron binary for the E2E tests", () => {
  it('names the missing path.txt and how to get the binary when it was never downloaded', async () => {
    const dir = await electronPackage();
    const found = await findElectronBinary(dir);
    expect(found).toEqual({ missing: expect.stringContaining(`${join(dir, 'path.txt')} is missing`) });
    const { missing } = found as { missing: string };
    expect(missing).toContain('`npx install-electron`');
    expect(missing).toContain('Electron 45.4.1');
    expect(missing).toContain('COFFER_E2E_EXECUTABLE');
  });

  it('names the executable path.txt points at when that file is gone', async () => {
    const dir = await electronPackage();
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(await findElectronBinary(dir)).toEqual({ missing: expect.stringMatching(new RegExp(`^${join(dir, 'dist', 'electron')}, which .* does not exist`)) });
  });

  it('finds the binary, also under ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = await electronPackage();
    await writeFile(join(dir, 'path.txt'), 'electron');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    await expect(findElectronBinary(dir)).resolves.toEqual({ executablePath: join(dir, 'dist', 'electron') });
    const elsewhere = await makeTempDir('coffer-electron-dist');
    await writeFile(join(elsewhere, 'electron'), '');
    await expect(findElectronBinary(dir, elsewhere)).resolves.toEqual({ executablePath: join(elsewhere, 'electron') });
  });
});
