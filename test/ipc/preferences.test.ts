/**
 * Preferences, playback positions, usage, passphrase changes and forgetting secrets, through the
 * contract over a real vault in a folder and real settings and secret files.
 */
import { randomBytes } from 'node:crypto';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocationInput } from '../../contract/ipc.js';
import { startIpcApp, PASSPHRASE, type IpcApp } from '../helpers/ipc-app.js';
import { startS3rver } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const NEW_PASSPHRASE = 'purple elephant quietly juggles';

const pathOf = (location: LocationInput) => (location as { path: string }).path;

/** Imports a file of `bytes` random bytes named `name` into the open vault; its id. */
async function addItem(app: IpcApp, name: string, bytes: number): Promise<string> {
  const file = join(await makeTempDir('coffer-source'), name);
  await writeFile(file, randomBytes(bytes));
  return (await app.session.vault().importFile(file)).id;
}

describe('IPC preferences', () => {
  it('shows the defaults on a first start: 10 minutes, the system language and theme, two imports at once', async () => {
    const app = await startIpcApp();
    await expect(app.ok('getSettings')).resolves.toEqual({
      autoLockMinutes: 10, language: 'system', theme: 'system', parallelImports: 2, secretStorage: 'available',
    });
  });

  it('changes only the preferences given, keeps the others, and a later start sees them', async () => {
    const app = await startIpcApp();
    await app.ok('setSettings', { autoLockMinutes: 3 });
    await expect(app.ok('setSettings', { language: 'ko', theme: 'dark' })).resolves.toMatchObject({ autoLockMinutes: 3, language: 'ko', theme: 'dark', parallelImports: 2 });
    await app.ok('setSettings', { parallelImports: 4 });
    const later = await startIpcApp({ userData: app.userData });
    await expect(later.ok('getSettings')).resolves.toMatchObject({ autoLockMinutes: 3, language: 'ko', theme: 'dark', parallelImports: 4 });
    expect(later.settings.get().parallelImports).toBe(4);
  });

  it.each([
    ['more parallel imports than allowed', { parallelImports: 5 }],
    ['no parallel imports', { parallelImports: 0 }],
    ['a language without strings', { language: 'fr' }],
    ['an unknown preference', { fontSize: 14 }],
  ])('refuses %s with INVALID_ARGUMENT and changes nothing', async (_case, patch) => {
    const app = await startIpcApp();
    await expect(app.request('setSettings', patch as never)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(app.ok('getSettings')).resolves.toMatchObject({ language: 'system', parallelImports: 2 });
  });
});

describe('IPC playback positions', () => {
  it('has no resume point for an item never played, then resumes where playback stopped', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const id = await addItem(app, 'film.mp4', 1000);
    await expect(app.ok('mediaUrl', { id })).resolves.toMatchObject({ resumeAt: null });
    await app.ok('savePosition', { id, seconds: 73.5 });
    await expect(app.ok('mediaUrl', { id })).resolves.toMatchObject({ url: expect.stringMatching(/^vault:\/\/media\//), resumeAt: 73.5 });
  });

  it('forgets the position when the item played to the end (null)', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const id = await addItem(app, 'film.mp4', 1000);
    await app.ok('savePosition', { id, seconds: 12 });
    await app.ok('savePosition', { id, seconds: null });
    await expect(app.ok('mediaUrl', { id })).resolves.toMatchObject({ resumeAt: null });
    expect(app.settings.get().playbackPositions).toEqual([]);
  });

  it('keeps positions across restarts, per vault: the same item id in another vault has none', async () => {
    const app = await startIpcApp();
    const first = await app.createFolderVault();
    const id = await addItem(app, 'film.mp4', 1000);
    await app.ok('savePosition', { id, seconds: 40 });
    await app.ok('lock');

    // A copy of the first vault elsewhere holds an item with the very same id.
    const copy = join(await makeTempDir('coffer-copy'), 'vault');
    await cp(pathOf(first), copy, { recursive: true });
    await app.pickFolder(copy);
    await app.ok('unlock', { location: { kind: 'folder', path: copy }, passphrase: PASSPHRASE, remember: false });
    await expect(app.ok('mediaUrl', { id })).resolves.toMatchObject({ resumeAt: null });
    await app.ok('lock');

    const later = await startIpcApp({ userData: app.userData });
    await later.ok('unlock', { location: first, passphrase: PASSPHRASE, remember: false });
    await expect(later.ok('mediaUrl', { id })).resolves.toMatchObject({ resumeAt: 40 });
  });

  it('keeps every one of many positions saved at the same moment', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const ids = await Promise.all(['a.mp4', 'b.mp4', 'c.mp4', 'd.mp4', 'e.mp4'].map((name) => addItem(app, name, 100)));
    await Promise.all(ids.map((id, i) => app.ok('savePosition', { id, seconds: i + 1 })));
    const later = await startIpcApp({ userData: app.userData });
    expect(later.settings.get().playbackPositions.map((p) => p.seconds).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers NOT_FOUND for an unknown item and LOCKED while locked, saving nothing', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    await expect(app.request('savePosition', { id: 'no-such-item', seconds: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.ok('lock');
    await expect(app.request('savePosition', { id: 'no-such-item', seconds: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(app.settings.get().playbackPositions).toEqual([]);
  });
});

describe('IPC vault usage', () => {
  it('counts items, their plaintext bytes, and the stored bytes of content and metadata (a deleted item\'s tombstone too)', async () => {
    const app = await startIpcApp();
    const location = await app.createFolderVault();
    await expect(app.ok('vaultUsage')).resolves.toEqual({ items: 0, bytes: 0, storedBytes: 0 });
    await addItem(app, 'a.bin', 100_000);
    await addItem(app, 'b.bin', 23);
    const deleted = await addItem(app, 'c.bin', 5000);
    await app.ok('deleteItem', { id: deleted });

    /** What is on disk under c/ and m/: content objects and their metadata. */
    const onDisk = async () => {
      let total = 0;
      for (const folder of ['c', 'm']) {
        for (const name of await readdir(join(pathOf(location), folder), { recursive: true })) {
          const info = await stat(join(pathOf(location), folder, name));
          if (info.isFile()) total += info.size;
        }
      }
      return total;
    };
    await expect(app.ok('vaultUsage')).resolves.toEqual({ items: 2, bytes: 100_023, storedBytes: await onDisk() });
    // A later start, whose catalog has not listed the vault yet, counts the same.
    await app.ok('lock');
    await app.ok('unlock', { location, passphrase: PASSPHRASE, remember: false });
    await expect(app.ok('vaultUsage')).resolves.toEqual({ items: 2, bytes: 100_023, storedBytes: await onDisk() });
  });

  it('answers from the catalog without listing storage again', async () => {
    const app = await startIpcApp();
    const location = await app.createFolderVault();
    await addItem(app, 'a.bin', 1000);
    await app.ok('listItems');
    // Something removed behind the app's back is not noticed until the next listing.
    await rm(join(pathOf(location), 'm'), { recursive: true });
    await expect(app.ok('vaultUsage')).resolves.toMatchObject({ items: 1, bytes: 1000 });
  });

  it('answers LOCKED while locked', async () => {
    const app = await startIpcApp();
    await expect(app.request('vaultUsage')).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('IPC passphrase change', () => {
  it('rewraps the key: the new passphrase unlocks, the old one no longer does', async () => {
    const app = await startIpcApp();
    const location = await app.createFolderVault();
    await app.ok('changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE });
    await app.ok('lock');
    await expect(app.request('unlock', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false, error: { code: 'WRONG_PASSPHRASE' },
    });
    await expect(app.ok('unlock', { location, passphrase: NEW_PASSPHRASE, remember: false })).resolves.toMatchObject({ status: { state: 'unlocked' } });
  });

  it('updates a remembered passphrase, so remembered unlock keeps working', async () => {
    const app = await startIpcApp();
    await app.createFolderVault(true);
    await app.ok('changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE });
    await app.ok('lock');
    await expect(app.ok('unlockRemembered')).resolves.toMatchObject({ status: { state: 'unlocked' } });
  });

  it('remembers nothing new for a vault whose passphrase was not remembered', async () => {
    const app = await startIpcApp();
    await app.createFolderVault(false);
    await app.ok('changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE });
    await expect(app.ok('status')).resolves.toMatchObject({ rememberedUnlock: false });
  });

  it('refuses a wrong current passphrase with WRONG_PASSPHRASE and a weak new one with WEAK_PASSPHRASE, changing nothing', async () => {
    const app = await startIpcApp();
    const location = await app.createFolderVault(true);
    await expect(app.request('changePassphrase', { current: 'not the passphrase', next: NEW_PASSPHRASE })).resolves.toMatchObject({
      ok: false, error: { code: 'WRONG_PASSPHRASE' },
    });
    await expect(app.request('changePassphrase', { current: PASSPHRASE, next: 'passwordpassword' })).resolves.toMatchObject({
      ok: false, error: { code: 'WEAK_PASSPHRASE' },
    });
    await app.ok('lock');
    await expect(app.ok('unlockRemembered')).resolves.toMatchObject({ status: { state: 'unlocked' } });
    await app.ok('lock');
    await expect(app.ok('unlock', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({ status: { state: 'unlocked' } });
  });
});

describe('IPC forgetting secrets', () => {
  it('forgets every remembered passphrase and S3 secret, of the current and the recent vaults', async () => {
    const s3 = await startS3rver();
    try {
      const app = await startIpcApp();
      const secret = 'distinctive-secret-5b1e07c2';
      const bucket: LocationInput = {
        kind: 's3', credentialSource: 'keys', bucket: s3.bucket, prefix: 'forget', endpoint: s3.endpoint, forcePathStyle: true,
        accessKeyId: s3.credentials.accessKeyId, secretAccessKey: secret,
      };
      await app.ok('createVault', { location: bucket, passphrase: PASSPHRASE, remember: true });
      await app.createFolderVault(true);
      expect((await app.ok('status')).recent).toContainEqual(expect.objectContaining({ kind: 's3', hasStoredSecret: true }));

      await app.ok('forgetSecrets');
      const status = await app.ok('status');
      expect(status.rememberedUnlock).toBe(false);
      expect(status.recent).toContainEqual(expect.objectContaining({ kind: 's3', hasStoredSecret: false }));
      const later = await startIpcApp({ userData: app.userData });
      await expect(later.request('unlockRemembered')).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.parse(await readFile(join(app.userData, 'secrets.json'), 'utf8'))).toEqual({ version: 1, secrets: {} });
    } finally {
      await s3.close();
    }
  });
});
