import { useState, type FormEvent } from 'react';
import type { UnlockResult, VaultStatus } from '../../contract/ipc.js';
import { MIN_PASSPHRASE_LENGTH } from '../../contract/passphrase-strength.js';
import { call, errorText } from './call.js';
import { draftFrom, LocationForm, locationInput } from './location-form.js';

interface Props {
  status: VaultStatus;
  /** Why the vault is locked, when it just was. */
  notice: string | null;
  onUnlocked: (result: UnlockResult) => void;
}

/** Unlock the last vault, or create one: a local folder by default, or an S3 bucket. */
export function UnlockScreen({ status, notice, onUnlocked }: Props) {
  const [draft, setDraft] = useState(() => draftFrom(status.location));
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(status.rememberedUnlock);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(notice);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const unlock = (create: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    const input = { location: locationInput(draft), passphrase, remember };
    void run(async () => onUnlocked(await call(create ? window.coffer.createVault(input) : window.coffer.unlock(input))));
  };
  const testConnection = () =>
    run(async () => {
      await call(window.coffer.testConnection({ location: locationInput(draft) }));
      setMessage('Connection works.');
    });

  return (
    <main className="unlock">
      <h1>Coffer</h1>
      <form onSubmit={unlock(false)}>
        <LocationForm draft={draft} onChange={setDraft} defaultFolder={status.defaultFolder} onError={(e) => setMessage(errorText(e))} />
        <label>
          Passphrase
          <input type="password" name="passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
        </label>
        <label className="inline">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember on this device
        </label>
        {message && <p role="status">{message}</p>}
        <div className="actions">
          <button type="submit" disabled={busy || passphrase === ''}>
            Unlock
          </button>
          <button type="button" disabled={busy || [...passphrase].length < MIN_PASSPHRASE_LENGTH} onClick={unlock(true)}>
            Create new vault
          </button>
          {draft.kind === 's3' && (
            <button type="button" disabled={busy} onClick={() => void testConnection()}>
              Test connection
            </button>
          )}
          {status.rememberedUnlock && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(async () => onUnlocked(await call(window.coffer.unlockRemembered())))}
            >
              Unlock with remembered passphrase
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
