import type { SettingsView } from '../../contract/ipc.js';
import type { SecretStore } from '../settings/secret-store.js';
import type { StoredLocation } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { AppSession } from './app-session.js';
import type { Handlers } from './dispatcher.js';
import { secretNames } from './locations.js';

export interface SettingsHandlerDeps {
  session: AppSession;
  settings: SettingsStore;
  secrets: SecretStore;
  /** Where the open vault was opened from; throws LOCKED when none is open. */
  openLocation: () => StoredLocation;
}

/** Preferences, and what this device remembers about the user's vaults. */
export function createSettingsHandlers({ session, settings, secrets, openLocation }: SettingsHandlerDeps) {
  const settingsView = async (): Promise<SettingsView> => {
    const { autoLockMinutes, language, theme, parallelImports } = settings.get();
    return { autoLockMinutes, language, theme, parallelImports, secretStorage: await secrets.state() };
  };

  return {
    getSettings: settingsView,
    async setSettings(preferences) {
      await settings.update(preferences);
      return settingsView();
    },
    async changePassphrase({ current, next }) {
      const location = openLocation();
      await session.vault().changePassphrase(current, next);
      // A remembered passphrase is the old one now: keep remembering, but the new one.
      const { passphrase } = secretNames(location);
      if (await secrets.has(passphrase)) {
        if ((await secrets.set(passphrase, next)) !== 'available') await secrets.delete(passphrase);
      }
      return null;
    },
    async forgetSecrets() {
      await secrets.clear();
      return null;
    },
  } satisfies Pick<Handlers, 'getSettings' | 'setSettings' | 'changePassphrase' | 'forgetSecrets'>;
}
