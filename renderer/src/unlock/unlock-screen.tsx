import { Info, KeyRound, LockKeyhole } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView, LockReason, UnlockResult, VaultStatus } from '../../../contract/ipc.js';
import { CallError, coffer } from '../coffer.js';
import { inputFromView, needsSecret, sameLocation } from '../location/location-input.js';
import { LocationSummary } from '../location/location-summary.js';
import { RecentVaults } from '../location/recent-vaults.js';
import { PassphraseInput } from '../passphrase/passphrase-input.js';
import { RememberChoice } from '../passphrase/remember-choice.js';
import { usePreferences } from '../preferences.js';
import { Busy } from '../ui/busy.js';
import { Gate } from '../ui/gate.js';
import { InlineError } from '../ui/inline-error.js';
import './unlock.css';

interface Props {
  status: VaultStatus;
  /** Why the vault just locked, to say so; null when the app just started. */
  lockReason: LockReason | null;
  onUnlocked: (result: UnlockResult) => void;
  /** Create a vault, or open another one. */
  onOpenWizard: () => void;
}

/**
 * The vault's passphrase, for the vault main offers or another used on this device. Says why the
 * vault locked, and unlocks with the remembered passphrase in one click where there is one.
 */
export function UnlockScreen({ status, lockReason, onUnlocked, onOpenWizard }: Props) {
  const { t } = useTranslation();
  const { autoLockMinutes } = usePreferences().settings;
  const titleId = useId();
  const passphraseId = useId();
  const secretId = useId();
  const problemId = useId();
  const otherId = useId();
  const [target, setTarget] = useState<LocationView>(status.location);
  const [passphrase, setPassphrase] = useState('');
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(status.rememberedUnlock);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const offered = sameLocation(target, status.location);
  const askSecret = needsSecret(target);
  const wrong = error instanceof CallError && error.code === 'WRONG_PASSPHRASE';
  const others = status.recent.filter((location) => !sameLocation(location, target));

  const run = async (request: () => Promise<UnlockResult>) => {
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await request());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  const unlock = (event: FormEvent) => {
    event.preventDefault();
    if (busy || passphrase === '' || (askSecret && secret === '')) return;
    void run(() => coffer.unlock({ location: inputFromView(target, secret), passphrase, remember }));
  };
  const switchTo = (location: LocationView) => {
    setTarget(location);
    setPassphrase('');
    setSecret('');
    setError(null);
    setRemember(sameLocation(location, status.location) && status.rememberedUnlock);
  };

  return (
    <Gate labelledBy={titleId} className="unlock">
      <header className="unlock-header">
        <span className="unlock-icon">
          <LockKeyhole size={20} aria-hidden />
        </span>
        <h1 id={titleId}>{t('unlock.title')}</h1>
        <div className="unlock-location">
          <LocationSummary location={target} />
        </div>
      </header>

      {lockReason && (
        <div className="callout unlock-notice" role="status">
          <Info size={18} aria-hidden className="callout-icon" />
          <p>{t(`lock.${lockReason}`, { minutes: autoLockMinutes })}</p>
        </div>
      )}

      <form className="unlock-form" onSubmit={unlock} noValidate>
        <div className="field">
          <label className="field-label" htmlFor={passphraseId}>
            {t('unlock.passphrase')}
          </label>
          <PassphraseInput
            id={passphraseId}
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (wrong) setError(null);
            }}
            aria-invalid={wrong}
            aria-describedby={wrong ? problemId : undefined}
            disabled={busy}
            autoFocus
          />
          {wrong && (
            <p className="field-error" id={problemId} role="alert">
              {t('errors.WRONG_PASSPHRASE')}
            </p>
          )}
        </div>
        {askSecret && (
          <div className="field">
            <label className="field-label" htmlFor={secretId}>
              {t('unlock.secretAccessKey')}
            </label>
            <PassphraseInput id={secretId} value={secret} onChange={setSecret} disabled={busy} />
            <p className="field-hint">{t('unlock.secretNotStored')}</p>
          </div>
        )}
        <RememberChoice checked={remember} onChange={setRemember} disabled={busy} />
        {error !== null && !wrong && <InlineError error={error} />}
        <div className="unlock-actions">
          <button type="submit" className="button button-primary" disabled={busy || passphrase === '' || (askSecret && secret === '')}>
            {t('unlock.unlock')}
          </button>
          {offered && status.rememberedUnlock && (
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => coffer.unlockRemembered())}>
              <KeyRound size={16} aria-hidden />
              {t('unlock.remembered')}
            </button>
          )}
          {busy && <Busy text={t('unlock.deriving')} />}
        </div>
      </form>

      {others.length > 0 && (
        <section className="unlock-others">
          <h2 className="section-title" id={otherId}>
            {t('unlock.otherVaults')}
          </h2>
          <RecentVaults labelledBy={otherId} locations={others} onPick={switchTo} disabled={busy} />
        </section>
      )}

      <footer className="unlock-footer">
        <button type="button" className="button-link" disabled={busy} onClick={onOpenWizard}>
          {t('unlock.openWizard')}
        </button>
      </footer>
    </Gate>
  );
}
