import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSettingsStore } from '../../main/settings/settings-store.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterEach(removeTempDirs);

async function setup() {
  const dir = await makeTempDir('coffer-settings');
  const file = join(dir, 'settings.json');
  const log = vi.fn();
  const open = () => openSettingsStore({ file, defaultVaultFolder: join(dir, 'vault'), log, now: () => new Date('2026-05-01T10:00:00Z') });
  return { dir, file, log, open };
}

describe('settings store', () => {
  it('starts with a vault folder inside userData, a 10-minute auto-lock, the system language and theme, two imports at once and nothing remembered when there is no file', async () => {
    const { dir, open } = await setup();
    const store = await open();
    expect(store.get()).toEqual({
      version: 1,
      location: { kind: 'folder', path: join(dir, 'vault') },
      autoLockMinutes: 10,
      recentLocations: [],
      confirmedStorage: [],
      language: 'system',
      theme: 'system',
      parallelImports: 2,
      playbackPositions: [],
    });
  });

  it('loads a file from before the preferences existed as it was, with the new preferences at their defaults', async () => {
    const { file, log, open } = await setup();
    const old = { version: 1, location: { kind: 'folder', path: '/media/vault' }, autoLockMinutes: 3, recentLocations: [], confirmedStorage: [] };
    await writeFile(file, JSON.stringify(old));
    expect((await open()).get()).toEqual({ ...old, language: 'system', theme: 'system', parallelImports: 2, playbackPositions: [] });
    expect(log).not.toHaveBeenCalled();
  });

  it('saves the language, theme and parallel imports so the next start sees them', async () => {
    const { open } = await setup();
    await (await open()).update({ language: 'ko', theme: 'dark', parallelImports: 4 });
    expect((await open()).get()).toMatchObject({ language: 'ko', theme: 'dark', parallelImports: 4 });
  });

  it.each([
    ['parallel imports of 0', { parallelImports: 0 }],
    ['parallel imports of 5', { parallelImports: 5 }],
    ['a language it has no strings for', { language: 'fr' as 'en' }],
    ['an unknown theme', { theme: 'sepia' as 'dark' }],
    ['a negative playback position', { playbackPositions: [{ vault: 'folder:/v', item: 'abc', seconds: -1 }] }],
  ])('refuses %s and keeps the previous settings', async (_case, patch) => {
    const { open } = await setup();
    const store = await open();
    await expect(store.update(patch)).rejects.toThrow();
    expect(store.get()).toMatchObject({ language: 'system', theme: 'system', parallelImports: 2, playbackPositions: [] });
  });

  it('saves updates so the next start sees them', async () => {
    const { open } = await setup();
    await (await open()).update({ autoLockMinutes: 3, location: { kind: 's3', bucket: 'media', prefix: 'coffer' } });
    expect((await open()).get()).toMatchObject({ autoLockMinutes: 3, location: { kind: 's3', bucket: 'media', prefix: 'coffer' } });
  });

  it('writes the file readable by its owner only', async () => {
    const { file, open } = await setup();
    await (await open()).update({ autoLockMinutes: 3 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses an invalid update and keeps the previous settings', async () => {
    const { open } = await setup();
    const store = await open();
    await expect(store.update({ autoLockMinutes: -5 })).rejects.toThrow();
    expect(store.get().autoLockMinutes).toBe(10);
    expect((await open()).get().autoLockMinutes).toBe(10);
  });

  it('applies concurrent updates in order, ending with the last one on disk', async () => {
    const { open } = await setup();
    const store = await open();
    await Promise.all([1, 2, 3, 4, 5].map((autoLockMinutes) => store.update({ autoLockMinutes })));
    expect((await open()).get().autoLockMinutes).toBe(5);
  });

  it.each([
    ['not JSON', '{"version": 1, "autoLock'],
    ['JSON of the wrong shape', JSON.stringify({ version: 1, location: { kind: 'folder', path: 'relative' }, autoLockMinutes: 10 })],
    ['a future version', JSON.stringify({ version: 2, location: { kind: 'folder', path: '/v' }, autoLockMinutes: 10 })],
    ['a secret where none belongs', JSON.stringify({ version: 1, location: { kind: 's3', bucket: 'media', prefix: '', secretAccessKey: 'x' }, autoLockMinutes: 10 })],
  ])('moves a file that is %s aside, resets to defaults and does not crash', async (_case, content) => {
    const { dir, file, log, open } = await setup();
    await writeFile(file, content);
    const store = await open();
    expect(store.get().autoLockMinutes).toBe(10);
    const backup = join(dir, 'settings.json.corrupt-2026-05-01T10-00-00-000Z');
    expect(await readFile(backup, 'utf8')).toBe(content);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(store.get());
    expect(log).toHaveBeenCalledWith(expect.stringContaining('corrupt'));
  });

  it('leaves no temp files behind', async () => {
    const { dir, open } = await setup();
    const store = await open();
    await store.update({ autoLockMinutes: 1 });
    await store.update({ autoLockMinutes: 2 });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
