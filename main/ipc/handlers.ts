import type { ConnectionReport, LocationInput, SecretStorageState, UnlockResult, VaultStatus } from '../../contract/ipc.js';
import type { ItemSummary } from '../catalog/item-summary.js';
import { CofferError, NotFoundError } from '../errors.js';
import type { SecretStore } from '../settings/secret-store.js';
import type { StoredLocation } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Vault, VaultLocation, VaultOpener } from '../vault/types.js';
import type { Handlers } from './dispatcher.js';
import type { EventSink } from './events.js';
import { safeFileName } from './file-name.js';
import type { ImportQueue } from './import-queue.js';
import { locationView, secretNames, storedLocation, vaultLocation } from './locations.js';
import type { AppSession } from './app-session.js';
import type { ExternalPlayer } from './external-player.js';
import type { LocationAccess } from './location-access.js';
import { createPlaybackHandlers } from './playback-handlers.js';
import { folderHoldsVault } from './probe-storage.js';
import { createSettingsHandlers } from './settings-handlers.js';

export interface HandlerDeps {
  session: AppSession;
  imports: ImportQueue;
  settings: SettingsStore;
  secrets: SecretStore;
  /** Which folders and S3 locations the page may use (see its [Note: The page names no location]). */
  access: LocationAccess;
  createVault: VaultOpener;
  openVault: VaultOpener;
  emit: EventSink;
  /** Asks the user where to save an export (a native dialog in the app); undefined when cancelled. */
  chooseSavePath: (suggestedName: string) => Promise<string | undefined>;
  /** Asks the user for a vault folder (a native dialog); undefined when cancelled. */
  chooseFolder: () => Promise<string | undefined>;
  /** Asks the user which files to import (a native dialog); [] when cancelled. */
  chooseFilesToImport: () => Promise<string[]>;
  /** Asks the user for a folder to import (a native dialog); undefined when cancelled. */
  chooseFolderToImport: () => Promise<string | undefined>;
  /** Asks the user for a folder to export into (a native dialog); undefined when cancelled. */
  chooseExportFolder: () => Promise<string | undefined>;
  /** "Test connection": what the location's storage answered (probe-storage.ts). */
  probeStorage: (location: VaultLocation) => Promise<ConnectionReport>;
  /** Serves items on a loopback URL for players outside the app. */
  player: ExternalPlayer;
  /** Opens a loopback URL with the system's default handler. */
  openExternal: (url: string) => Promise<void>;
  /** Puts text on the clipboard. */
  copyText: (text: string) => Promise<void>;
}

/** The IPC handlers: plain functions over the session, the settings and the vault core. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { session, imports, settings, secrets, access, emit } = deps;

  /** Where each vault was opened from: positions and remembered passphrases are kept per location. */
  const openedFrom = new WeakMap<Vault, StoredLocation>();
  const open = (vault: Vault, location: StoredLocation) => {
    openedFrom.set(vault, location);
    session.open(vault);
  };
  const openLocation = () => {
    const location = openedFrom.get(session.vault());
    if (!location) throw new Error('the open vault was opened elsewhere than through these handlers');
    return location;
  };

  const view = async (location: StoredLocation) => locationView(location, await secrets.has(secretNames(location).s3Secret));

  const status = async (): Promise<VaultStatus> => {
    const { location, recentLocations } = settings.get();
    // A storage failure while comparing the listing surfaces where items are listed; status answers.
    const anomalies = session.unlocked ? await session.vault().anomalies().catch(() => undefined) : undefined;
    return {
      state: session.unlocked ? 'unlocked' : 'locked',
      location: await view(location),
      rememberedUnlock: await secrets.has(secretNames(location).passphrase),
      defaultFolder: access.defaultFolder,
      ...(anomalies && { anomalies: anomalies.map(({ id, kind, name }) => ({ id, kind, name })) }),
      // S3 is asked nothing here: the user may not have unlocked, or even confirmed, it this session.
      locationHasVault: location.kind === 'folder' ? await folderHoldsVault(location.path) : null,
      recent: await Promise.all(recentLocations.map(view)),
    };
  };

  /** The S3 secret to use: the one just typed, else the one stored for exactly this location. */
  const secretFor = async (input: LocationInput, stored: StoredLocation) => {
    if (input.kind !== 's3' || input.credentialSource !== 'keys') return undefined;
    const secret = input.secretAccessKey ?? (await secrets.get(secretNames(stored).s3Secret));
    if (!secret) throw new CofferError('INVALID_ARGUMENT', 'enter the secret access key for this access key id');
    return secret;
  };

  const unlockWith = async (
    opener: VaultOpener,
    input: { location: LocationInput; passphrase: string; remember: boolean },
  ): Promise<UnlockResult> => {
    const stored = storedLocation(input.location);
    await access.admit(stored);
    open(await opener(vaultLocation(stored, await secretFor(input.location, stored)), input.passphrase), stored);
    await access.remember(stored);

    // Keep what the user asked us to keep, if the OS offers a real keyring; say so when it does not.
    const names = secretNames(stored);
    const refusals: SecretStorageState[] = [];
    if (input.location.kind === 's3' && input.location.secretAccessKey) {
      refusals.push(await secrets.set(names.s3Secret, input.location.secretAccessKey));
    }
    if (input.remember) refusals.push(await secrets.set(names.passphrase, input.passphrase));
    else await secrets.delete(names.passphrase);
    const refused = refusals.find((state) => state !== 'available');
    return { status: await status(), secretsNotStored: refused === 'basic-text' || refused === 'unavailable' ? refused : null };
  };

  return {
    createVault: (input) => unlockWith(deps.createVault, input),
    async chooseVaultFolder() {
      const path = await deps.chooseFolder();
      if (path === undefined) return { path: null };
      access.grantPicked(path);
      return { path };
    },
    unlock: (input) => unlockWith(deps.openVault, input),
    async unlockRemembered() {
      const stored = settings.get().location;
      const names = secretNames(stored);
      const passphrase = await secrets.get(names.passphrase);
      if (passphrase === undefined) throw new NotFoundError('a remembered passphrase for this vault');
      await access.admit(stored);
      const secret = stored.kind === 's3' && stored.accessKeyId ? await secrets.get(names.s3Secret) : undefined;
      open(await deps.openVault(vaultLocation(stored, secret), passphrase), stored);
      return { status: await status(), secretsNotStored: null };
    },
    async forgetRemembered() {
      await secrets.delete(secretNames(settings.get().location).passphrase);
      return null;
    },
    async lock() {
      session.lock('user');
      return null;
    },
    status,
    listItems: () => session.vault().list(),
    importDropped: ({ paths }) => imports.enqueue(paths),
    async addFiles() {
      session.vault();
      const paths = await deps.chooseFilesToImport();
      return paths.length === 0 ? [] : imports.enqueue(paths);
    },
    async addFolder() {
      session.vault();
      const folder = await deps.chooseFolderToImport();
      return folder === undefined ? [] : imports.enqueue([folder]);
    },
    async cancelImport({ jobId }) {
      imports.cancel(jobId);
      return null;
    },
    async cancelAllImports() {
      imports.cancelAll();
      return null;
    },
    retryImport: async ({ jobId }) => imports.retry(jobId),
    async renameItem({ id, name }) {
      const item = await session.vault().rename(id, name);
      emit('catalogChanged', { reason: 'rename' });
      return item;
    },
    async deleteItem({ id }) {
      await session.vault().remove(id);
      emit('catalogChanged', { reason: 'delete' });
      return null;
    },
    async exportItem({ id }) {
      const vault = session.vault();
      const item = await vault.item(id);
      const path = await deps.chooseSavePath(safeFileName(item.name));
      if (path === undefined) return { path: null };
      // The dialog may have been open for a while: export only from the vault that is still open.
      if (session.vault() !== vault) throw new CofferError('LOCKED', 'the vault locked while choosing where to save');
      await session.busy(() => vault.exportTo(id, path, { signal: session.signal }));
      return { path };
    },
    async exportItems({ ids }) {
      const vault = session.vault();
      // Every id is checked before the dialog opens, so an unknown one costs the user no choosing.
      const items: ItemSummary[] = [];
      for (const id of new Set(ids)) items.push(await vault.item(id));
      const folder = await deps.chooseExportFolder();
      if (folder === undefined) return { folder: null, written: 0 };
      if (session.vault() !== vault) throw new CofferError('LOCKED', 'the vault locked while choosing where to export');
      let written = 0;
      await session.busy(async () => {
        for (const item of items) {
          try {
            await vault.exportInto(item.id, folder, safeFileName(item.name), { signal: session.signal });
          } catch (error) {
            if (written === 0 || !(error instanceof CofferError)) throw error;
            throw new CofferError(error.code, `${error.message} (${written} of ${items.length} items were exported to ${folder} before)`, { cause: error });
          }
          written += 1;
        }
      });
      return { folder, written };
    },
    async testConnection({ location }) {
      const stored = storedLocation(location);
      await access.admit(stored);
      return deps.probeStorage(vaultLocation(stored, await secretFor(location, stored)));
    },
    vaultUsage: () => session.vault().usage(),
    ...createSettingsHandlers({ session, settings, secrets, openLocation }),
    ...createPlaybackHandlers({ session, settings, openLocation, player: deps.player, openExternal: deps.openExternal, copyText: deps.copyText }),
  };
}
