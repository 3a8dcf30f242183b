/**
 * Exporting into a folder without ever replacing a file there ([Note: Export without replacing]):
 * real folders, a real vault in a folder.
 */
import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../main/catalog/item-summary.js';
import { createVault } from '../../main/vault/open-vault.js';
import type { Vault } from '../../main/vault/types.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { localBackend } from './backends.js';

const unix = process.platform !== 'win32';
const clipBytes = randomBytes(2 * 1024 * 1024 + 17);
let vault: Vault;
let clip: ItemSummary;

beforeAll(async () => {
  vault = await createVault((await localBackend.fresh()).location, 'a long and careful passphrase', { kdf: TEST_KDF });
  const source = join(await makeTempDir('coffer-src'), 'clip.mp4');
  await writeFile(source, clipBytes);
  clip = await vault.importFile(source);
});
afterAll(removeTempDirs);

describe('exporting into a folder', () => {
  it('writes the item byte for byte under the name given, private to its owner, leaving no temp file', async () => {
    const out = await makeTempDir('coffer-out');
    const path = await vault.exportInto(clip.id, out, 'clip.mp4');
    expect(path).toBe(join(out, 'clip.mp4'));
    expect((await readFile(path)).equals(clipBytes)).toBe(true);
    if (unix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(out)).toEqual(['clip.mp4']);
  });

  it('puts " (2)", " (3)"… before the extension of a name that is taken, leaving the files there as they were', async () => {
    const out = await makeTempDir('coffer-out');
    await writeFile(join(out, 'clip.mp4'), 'mine');
    await writeFile(join(out, 'clip (2).mp4'), 'mine too');
    await writeFile(join(out, 'README'), 'readme');
    expect(await vault.exportInto(clip.id, out, 'clip.mp4')).toBe(join(out, 'clip (3).mp4'));
    expect(await vault.exportInto(clip.id, out, 'README')).toBe(join(out, 'README (2)'));
    expect(await readFile(join(out, 'clip.mp4'), 'utf8')).toBe('mine');
    expect(await readFile(join(out, 'clip (2).mp4'), 'utf8')).toBe('mine too');
    expect(await readFile(join(out, 'README'), 'utf8')).toBe('readme');
    expect((await readFile(join(out, 'clip (3).mp4'))).equals(clipBytes)).toBe(true);
  });

  it('gives exports racing for one name a name each, replacing none', async () => {
    const out = await makeTempDir('coffer-out');
    const paths = await Promise.all(Array.from({ length: 6 }, () => vault.exportInto(clip.id, out, 'clip.mp4')));
    expect(new Set(paths).size).toBe(6);
    expect((await readdir(out)).sort()).toEqual(['clip (2).mp4', 'clip (3).mp4', 'clip (4).mp4', 'clip (5).mp4', 'clip (6).mp4', 'clip.mp4']);
    for (const path of paths) expect((await readFile(path)).equals(clipBytes)).toBe(true);
  });

  it.runIf(unix)('treats a symbolic link at the name as taken, and writes nothing where it points', async () => {
    const out = await makeTempDir('coffer-out');
    const elsewhere = join(await makeTempDir('coffer-elsewhere'), 'not-yet.mp4');
    await symlink(elsewhere, join(out, 'clip.mp4'));
    expect(await vault.exportInto(clip.id, out, 'clip.mp4')).toBe(join(out, 'clip (2).mp4'));
    expect(await readlink(join(out, 'clip.mp4'))).toBe(elsewhere);
    await expect(lstat(elsewhere)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('shortens a long name to fit a file system, keeping its number and extension', async () => {
    const out = await makeTempDir('coffer-out');
    const long = `${'가'.repeat(100)}.mp4`;
    const first = await vault.exportInto(clip.id, out, long);
    const second = await vault.exportInto(clip.id, out, long);
    const names = (await readdir(out)).sort();
    expect(names.map((n) => Buffer.byteLength(n) <= 255)).toEqual([true, true]);
    expect(first.endsWith('.mp4')).toBe(true);
    expect(second.endsWith(' (2).mp4')).toBe(true);
  });

  it('refuses a name that is a path with INVALID_ARGUMENT, writing nothing', async () => {
    const out = await makeTempDir('coffer-out');
    for (const name of ['../clip.mp4', 'a/b.mp4', '..', '']) {
      await expect(vault.exportInto(clip.id, out, name), name).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('when cancelled, answers ABORTED and leaves nothing in the folder', async () => {
    const out = await makeTempDir('coffer-out');
    const controller = new AbortController();
    const exporting = vault.exportInto(clip.id, out, 'clip.mp4', { signal: controller.signal });
    controller.abort();
    await expect(exporting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await readdir(out)).toEqual([]);
  });
});
