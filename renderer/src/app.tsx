import { useCallback, useEffect, useState } from 'react';
import type { LockReason, UnlockResult, VaultStatus } from '../../contract/ipc.js';
import { call, errorText } from './call.js';
import { LibraryScreen } from './library-screen.js';
import { UnlockScreen } from './unlock-screen.js';

const LOCK_NOTICES: Record<LockReason, string> = {
  user: 'Vault locked.',
  idle: 'Vault locked after being idle.',
  suspend: 'Vault locked because the computer went to sleep.',
  'lock-screen': 'Vault locked because the screen was locked.',
};

/** Shows the unlock screen or the library, following the vault's state as main reports it. */
export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secretsNotStored, setSecretsNotStored] = useState<UnlockResult['secretsNotStored']>(null);

  const refresh = useCallback(() => {
    call(window.coffer.status()).then(setStatus, (error: unknown) => setNotice(errorText(error)));
  }, []);

  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      window.coffer.onLocked(({ reason }) => {
        setNotice(LOCK_NOTICES[reason]);
        refresh();
      }),
    [refresh],
  );

  const unlocked = (result: UnlockResult) => {
    setNotice(null);
    setSecretsNotStored(result.secretsNotStored);
    setStatus(result.status);
  };

  if (!status) return <p className="centered">{notice ?? 'Loading…'}</p>;
  if (status.state === 'locked') return <UnlockScreen status={status} notice={notice} onUnlocked={unlocked} />;
  return <LibraryScreen secretsNotStored={secretsNotStored} onDismissSecretsNotice={() => setSecretsNotStored(null)} />;
}
