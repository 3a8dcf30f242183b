import { useEffect, useState } from 'react';
import type { SettingsView } from '../../contract/ipc.js';
import { call, errorText } from './call.js';

// What Coffer knows: which kind of key Electron's encryption used when Coffer tried it (see
// main/settings/secret-store.ts), not which keyring the desktop was expected to have.
const SECRET_STORAGE: Record<SettingsView['secretStorage'], string> = {
  available:
    'Secrets you ask Coffer to remember are encrypted with a key your system keeps: the macOS Keychain, ' +
    'your Windows account, or on Linux your desktop’s keyring (GNOME Keyring or KWallet).',
  'basic-text':
    'On this desktop Electron could only encrypt with its built-in fixed key: no keyring answered (none is ' +
    'installed, it is locked, or Electron does not know this desktop). So Coffer will not store passphrases ' +
    'or S3 secret keys. Install or unlock GNOME Keyring or KWallet, then restart Coffer.',
  unavailable: 'Your system’s encrypted storage is not available, so Coffer will not store passphrases or S3 secret keys.',
};

/** Auto-lock time and what this device remembers. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    call(window.coffer.getSettings()).then(setSettings, (e: unknown) => setMessage(errorText(e)));
  }, []);

  const save = (autoLockMinutes: number) =>
    call(window.coffer.setSettings({ autoLockMinutes })).then(setSettings, (e: unknown) => setMessage(errorText(e)));
  const forget = () =>
    call(window.coffer.forgetRemembered()).then(
      () => setMessage('The remembered passphrase is gone from this device.'),
      (e: unknown) => setMessage(errorText(e)),
    );

  return (
    <section className="settings" aria-label="Settings">
      <header>
        <h2>Settings</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {settings && (
        <>
          <label>
            Lock after idle minutes (0 = never)
            <input
              type="number"
              min={0}
              max={1440}
              value={settings.autoLockMinutes}
              onChange={(e) => void save(Math.max(0, Math.min(1440, Math.trunc(Number(e.target.value)) || 0)))}
            />
          </label>
          <p>
            Coffer also locks when the computer suspends and when the screen locks. On Linux it learns of a screen
            lock over D-Bus (the desktop’s ScreenSaver service or logind) through the dbus-monitor tool; without
            that tool it locks on idle time and suspend only.
          </p>
          <p>{SECRET_STORAGE[settings.secretStorage]}</p>
          <button type="button" onClick={() => void forget()}>
            Forget remembered passphrase
          </button>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
