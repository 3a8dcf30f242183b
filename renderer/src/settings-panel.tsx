import { useEffect, useState } from 'react';
import type { SettingsView } from '../../contract/ipc.js';
import { call, errorText } from './call.js';

const SECRET_STORAGE: Record<SettingsView['secretStorage'], string> = {
  available: 'Secrets you ask Coffer to remember are encrypted by your system keyring.',
  'basic-text':
    'This desktop has no system keyring Coffer can use, so it will not store passphrases or S3 secret keys: ' +
    'Electron would only obscure them with a fixed key. Install or unlock GNOME Keyring or KWallet to enable this.',
  unavailable: 'Your system offers no encrypted storage, so Coffer will not store passphrases or S3 secret keys.',
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
