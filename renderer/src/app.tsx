import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason, SettingsView, UnlockResult, VaultStatus } from '../../contract/ipc.js';
import { coffer, useCofferEvent } from './coffer.js';
import { LibraryScreen } from './library/library-screen.js';
import { PreferencesProvider } from './preferences.js';
import { SettingsDialog } from './settings/settings-dialog.js';
import { ToastProvider, useToasts } from './ui/toasts.js';
import { UnlockScreen } from './unlock/unlock-screen.js';
import { Wizard } from './wizard/wizard.js';

/** The whole app: preferences and toasts around whichever screen the vault's state calls for. */
export function App({ initialSettings }: { initialSettings: SettingsView }) {
  return (
    <PreferencesProvider initial={initialSettings}>
      <ToastProvider>
        <Screens />
      </ToastProvider>
    </PreferencesProvider>
  );
}

/**
 * First run (no vault where the app would look, none used before) opens the wizard; a locked vault
 * the unlock screen, from which the wizard is one click away; an unlocked one the library.
 */
function Screens() {
  const { t } = useTranslation();
  const toasts = useToasts();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [wizard, setWizard] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const [secretsNotStored, setSecretsNotStored] = useState<UnlockResult['secretsNotStored']>(null);

  const refresh = useCallback(() => {
    coffer.status().then(setStatus, toasts.fail);
  }, [toasts.fail]);
  useEffect(refresh, [refresh]);
  useCofferEvent('locked', ({ reason }) => {
    setLockReason(reason);
    setSettingsOpen(false);
    refresh();
  });

  const unlocked = (result: UnlockResult) => {
    setLockReason(null);
    setWizard(false);
    setSecretsNotStored(result.secretsNotStored);
    setStatus(result.status);
  };

  if (!status) return <p className="centered">{t('common.loading')}</p>;
  if (status.state === 'locked') {
    const firstRun = status.locationHasVault === false && status.recent.length === 0;
    if (wizard || firstRun) return <Wizard status={status} onUnlocked={unlocked} onCancel={firstRun ? undefined : () => setWizard(false)} />;
    return <UnlockScreen status={status} lockReason={lockReason} onUnlocked={unlocked} onOpenWizard={() => setWizard(true)} />;
  }
  return (
    <>
      <LibraryScreen
        status={status}
        secretsNotStored={secretsNotStored}
        onDismissSecretsNotice={() => setSecretsNotStored(null)}
        onOpenSettings={() => setSettingsOpen(true)}
      />
      {settingsOpen && <SettingsDialog status={status} onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
