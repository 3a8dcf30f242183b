import { ShieldAlert } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationInput, UnlockResult } from '../../../contract/ipc.js';
import { CallError, coffer } from '../coffer.js';
import { LocationSummary } from '../location/location-summary.js';
import { NewPassphraseFields, newPassphraseReady, type NewPassphrase } from '../passphrase/new-passphrase.js';
import { PassphraseInput } from '../passphrase/passphrase-input.js';
import { RememberChoice } from '../passphrase/remember-choice.js';
import { useAssessment } from '../passphrase/use-assessment.js';
import { Busy } from '../ui/busy.js';
import { InlineError } from '../ui/inline-error.js';
import type { WizardMode } from './wizard-mode.js';

interface Props {
  mode: WizardMode;
  location: LocationInput;
  /** A recent S3 vault whose secret this device does not keep: ask for it here. */
  askSecret: boolean;
  onSwitchMode: (mode: WizardMode) => void;
  onUnlocked: (result: UnlockResult) => void;
  onBack: () => void;
}

const codeOf = (error: unknown) => (error instanceof CallError ? error.code : null);

/**
 * The last step: a new passphrase (twice, with the strength meter, and the user's word that they
 * know a lost one is gone for good), or the vault's passphrase. Then the key derivation, which
 * takes seconds.
 */
export function PassphraseStep({ mode, location, askSecret, onSwitchMode, onUnlocked, onBack }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState<NewPassphrase>({ first: '', second: '' });
  const [understood, setUnderstood] = useState(false);
  const [remember, setRemember] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const strength = useAssessment(mode === 'create' ? passphrase.first : '');
  const passphraseId = useId();
  const secretId = useId();
  const wrongId = useId();
  const creating = mode === 'create';
  const wrong = codeOf(error) === 'WRONG_PASSPHRASE';

  const ready = creating
    ? newPassphraseReady(passphrase, strength) && understood
    : passphrase.first !== '' && (!askSecret || secret !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    const input = {
      location: askSecret && location.kind === 's3' ? { ...location, secretAccessKey: secret } : location,
      passphrase: passphrase.first,
      remember,
    };
    try {
      onUnlocked(creating ? await coffer.createVault(input) : await coffer.unlock(input));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const switchTo = (other: WizardMode, label: string) => (
    <button type="button" className="button button-small callout-action" onClick={() => onSwitchMode(other)}>
      {label}
    </button>
  );
  const errorAction =
    codeOf(error) === 'VAULT_EXISTS' ? switchTo('open', t('wizard.passphrase.openInstead')) : codeOf(error) === 'NOT_A_VAULT' ? switchTo('create', t('wizard.passphrase.createInstead')) : undefined;

  return (
    <form className="wizard-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="wizard-body">
        <div className="wizard-location">
          <LocationSummary location={location} />
        </div>

        {creating ? (
          <>
            <NewPassphraseFields
              value={passphrase}
              onChange={setPassphrase}
              strength={strength}
              labels={{ first: t('wizard.passphrase.new'), second: t('wizard.passphrase.repeat') }}
              disabled={busy}
              autoFocus
            />
            <div className="callout callout-warning recovery-warning">
              <ShieldAlert size={18} aria-hidden className="callout-icon" />
              <div className="callout-body">
                <p>{t('wizard.passphrase.noRecovery')}</p>
                <label className="checkbox">
                  <input type="checkbox" checked={understood} disabled={busy} onChange={(event) => setUnderstood(event.target.checked)} />
                  {t('wizard.passphrase.understand')}
                </label>
              </div>
            </div>
          </>
        ) : (
          <>
            <div className="field">
              <label className="field-label" htmlFor={passphraseId}>
                {t('wizard.passphrase.current')}
              </label>
              <PassphraseInput
                id={passphraseId}
                value={passphrase.first}
                onChange={(first) => {
                  setPassphrase({ first, second: '' });
                  if (wrong) setError(null);
                }}
                aria-invalid={wrong}
                aria-describedby={wrong ? wrongId : undefined}
                disabled={busy}
                autoFocus
              />
              {wrong && (
                <p className="field-error" id={wrongId} role="alert">
                  {t('errors.WRONG_PASSPHRASE')}
                </p>
              )}
            </div>
            {askSecret && (
              <div className="field">
                <label className="field-label" htmlFor={secretId}>
                  {t('wizard.s3.secretAccessKey')}
                </label>
                <PassphraseInput id={secretId} value={secret} onChange={setSecret} disabled={busy} />
                <p className="field-hint">{t('unlock.secretNotStored')}</p>
              </div>
            )}
          </>
        )}

        <RememberChoice checked={remember} onChange={setRemember} disabled={busy} />
        {error !== null && !wrong && <InlineError error={error} action={errorAction} />}
      </div>

      <footer className="wizard-actions">
        <button type="button" className="button button-ghost" disabled={busy} onClick={onBack}>
          {t('common.back')}
        </button>
        <span className="wizard-actions-end">
          {busy && <Busy text={t('unlock.deriving')} />}
          <button type="submit" className="button button-primary" disabled={!ready || busy}>
            {creating ? t('wizard.passphrase.create') : t('wizard.passphrase.open')}
          </button>
        </span>
      </footer>
    </form>
  );
}
