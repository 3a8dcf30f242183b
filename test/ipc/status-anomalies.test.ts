/**
 * The status the app polls carries what the vault core noticed behind Coffer's back. Through the
 * contract and the dispatcher, over a real folder vault opened the way the app opens it (with a cache
 * folder for this device's record).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import type { IpcResult } from '../../contract/errors.js';
import type { VaultStatus } from '../../contract/ipc.js';
import { contentKey, metadataKey } from '../../main/catalog/storage-keys.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { ExternalPlayer } from '../../main/ipc/external-player.js';
import { ImportQueue } from '../../main/ipc/import-queue.js';
import { LocationAccess } from '../../main/ipc/location-access.js';
import { AppSession } from '../../main/ipc/app-session.js';
import { probeStorage } from '../../main/ipc/probe-storage.js';
import { createSecretStore } from '../../main/settings/secret-store.js';
import { openSettingsStore } from '../../main/settings/settings-store.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

const PASSPHRASE = 'correct horse battery staple';

afterAll(removeTempDirs);

it('status lists, while unlocked, the items this device saw vanish behind Coffer\'s back', async () => {
  const userData = await makeTempDir('coffer-userdata');
  const path = join(userData, 'vault');
  const vaultOptions = { cacheDir: join(userData, 'cache') };
  const before = await createVault({ kind: 'folder', path }, PASSPHRASE, vaultOptions);
  const source = join(userData, 'clip.mp4');
  await writeFile(source, randomBytes(5000));
  const item = await before.importFile(source);
  await before.list();
  before.lock();
  const raw = storeForLocation({ kind: 'folder', path });
  await raw.delete(metadataKey(item.id));
  await raw.delete(contentKey(item.id));

  const log = vi.fn();
  const emit = vi.fn();
  const settings = await openSettingsStore({ file: join(userData, 'settings.json'), defaultVaultFolder: path, log });
  const secrets = createSecretStore({
    file: join(userData, 'secrets.json'),
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    },
    platform: 'linux',
    log,
  });
  const session = new AppSession({ emit });
  const handlers = createHandlers({
    session, imports: new ImportQueue({ session, emit, log }), settings, secrets, emit, probeStorage,
    access: new LocationAccess({ settings, defaultVaultFolder: path, confirmStorage: async () => false }),
    chooseSavePath: async () => undefined, chooseFolder: async () => undefined, chooseFilesToImport: async () => [],
    chooseFolderToImport: async () => undefined, chooseExportFolder: async () => undefined,
    player: new ExternalPlayer({ session, onError: log }), openExternal: async () => {}, copyText: async () => {},
    createVault: (location, passphrase) => createVault(location, passphrase, vaultOptions),
    openVault: (location, passphrase) => openVault(location, passphrase, vaultOptions),
  });
  const dispatch = createDispatcher({ handlers, isTrusted: () => true, log });
  const trusted = { frame: { url: 'app://coffer/index.html', parent: null }, contentsId: 1 };
  const status = async () => ((await dispatch('status', trusted, [])) as IpcResult<VaultStatus>);

  expect(await status()).toMatchObject({ ok: true, value: { state: 'locked' } });
  expect(((await status()) as { value: VaultStatus }).value).not.toHaveProperty('anomalies');
  await dispatch('unlock', trusted, [{ location: { kind: 'folder', path }, passphrase: PASSPHRASE, remember: false }]);
  expect(await status()).toEqual({
    ok: true,
    value: expect.objectContaining({ state: 'unlocked', anomalies: [{ id: item.id, kind: 'vanished', name: 'clip.mp4' }] }),
  });
});
