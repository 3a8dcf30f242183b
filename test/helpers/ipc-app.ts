/**
 * The app as the Electron layer composes it, minus Electron: real settings and secret files in a
 * temp userData, the real vault core, and requests through the dispatcher the IPC layer uses. Only
 * the native dialogs, the OS keyring (safeStorage) and the OS's "open URL" and clipboard are
 * stand-ins.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { CallName, EventName } from '../../contract/channels.js';
import type { IpcResult } from '../../contract/errors.js';
import { events, type CallInput, type CallOutput, type EventPayload, type LocationInput } from '../../contract/ipc.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { ExternalPlayer } from '../../main/ipc/external-player.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { ImportQueue } from '../../main/ipc/import-queue.js';
import { LocationAccess, type StorageSummary } from '../../main/ipc/location-access.js';
import { probeStorage } from '../../main/ipc/probe-storage.js';
import { AppSession } from '../../main/ipc/app-session.js';
import { createSecretStore, type SafeStorageLike } from '../../main/settings/secret-store.js';
import { openSettingsStore } from '../../main/settings/settings-store.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import { makeTempDir } from './temp-dir.js';
import { TEST_KDF } from './test-kdf.js';

export const PASSPHRASE = 'correct horse battery staple';

/** How the stand-in keyring behaves: a real keyring, Linux's fixed-key fallback, or one that refuses. */
export type Keyring = 'keyring' | 'fixed-key' | 'refuses';

/**
 * Electron's safeStorage is not available in Node; this stand-in seals by XOR behind Chromium's
 * version prefix: `v11` for a keyring's key, `v10` for the hard-coded key Linux falls back to.
 */
export function fakeSafeStorage(keyring: Keyring = 'keyring'): SafeStorageLike {
  const xor = (buf: Buffer) => Buffer.from(buf.map((b) => b ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => {
      if (keyring === 'refuses') throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
      return Buffer.concat([Buffer.from(keyring === 'fixed-key' ? 'v10' : 'v11'), xor(Buffer.from(plain))]);
    },
    decryptStringAsync: async (sealed) => ({ result: xor(sealed.subarray(3)).toString(), shouldReEncrypt: false }),
  };
}

type Sent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];
type Args<K extends CallName> = CallInput<K> extends undefined ? [] : [CallInput<K>];

export interface IpcAppOptions {
  keyring?: Keyring;
  /** Reuse a userData folder, as a later start of the app would. */
  userData?: string;
}

export async function startIpcApp(options: IpcAppOptions = {}) {
  const userData = options.userData ?? (await makeTempDir('coffer-userdata'));
  const sent: Sent[] = [];
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    events[name].parse(payload);
    sent.push({ name, payload } as Sent);
  };
  const log = vi.fn();
  const settings = await openSettingsStore({ file: join(userData, 'settings.json'), defaultVaultFolder: join(userData, 'vault'), log });
  const secrets = createSecretStore({ file: join(userData, 'secrets.json'), safeStorage: fakeSafeStorage(options.keyring), platform: 'linux', log });
  const session = new AppSession({ emit });
  const player = new ExternalPlayer({ session, onError: log });
  const chooseFolder = vi.fn(async (): Promise<string | undefined> => undefined);
  const confirmStorage = vi.fn(async (_summary: StorageSummary) => true);
  const openExternal = vi.fn(async (_url: string) => {});
  const copyText = vi.fn(async (_text: string) => {});
  const access = new LocationAccess({ settings, defaultVaultFolder: join(userData, 'vault'), confirmStorage });
  const handlers = createHandlers({
    session, settings, secrets, access, emit, probeStorage, player, openExternal, copyText, chooseFolder,
    imports: new ImportQueue({ session, emit, log }),
    chooseSavePath: async () => undefined,
    chooseFilesToImport: async () => [],
    chooseFolderToImport: async () => undefined,
    chooseExportFolder: async () => undefined,
    createVault: (location, passphrase) => createVault(location, passphrase, { kdf: TEST_KDF }),
    openVault: (location, passphrase) => openVault(location, passphrase, { kdf: TEST_KDF }),
  });
  const dispatch = createDispatcher({ handlers, isTrusted: () => true, log });
  const trusted = { frame: { url: 'app://coffer/index.html', parent: null }, contentsId: 1 };

  /** One request as the renderer makes it; answers the raw result value. */
  const request = <K extends CallName>(name: K, ...input: Args<K>) => dispatch(name, trusted, input) as Promise<IpcResult<CallOutput<K>>>;
  /** One request that must succeed. */
  const ok = async <K extends CallName>(name: K, ...input: Args<K>) => {
    const result = await request(name, ...input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  /** The user picks `path` in the native folder dialog. */
  const pickFolder = async (path: string) => {
    chooseFolder.mockResolvedValueOnce(path);
    return ok('chooseVaultFolder');
  };
  /** A new folder the user picked, with a vault created in it (and left unlocked). */
  const createFolderVault = async (remember = false): Promise<LocationInput> => {
    const path = join(await makeTempDir('coffer-vault'), 'vault');
    await mkdir(path);
    await pickFolder(path);
    const location: LocationInput = { kind: 'folder', path };
    await ok('createVault', { location, passphrase: PASSPHRASE, remember });
    return location;
  };
  return { userData, sent, log, settings, secrets, session, player, openExternal, copyText, confirmStorage, request, ok, pickFolder, createFolderVault };
}

export type IpcApp = Awaited<ReturnType<typeof startIpcApp>>;
