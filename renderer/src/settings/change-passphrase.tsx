import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CallError, coffer } from '../coffer.js';
import { NewPassphraseFields, newPassphraseReady, type NewPassphrase } from '../passphrase/new-passphrase.js';
import { PassphraseInput } from '../passphrase/passphrase-input.js';
import { useAssessment } from '../passphrase/use-assessment.js';
import { Busy } from '../ui/busy.js';
import { InlineError } from '../ui/inline-error.js';
import { useToasts } from '../ui/toasts.js';

/** The current passphrase and a new one twice, held to the same rule as a new vault's. */
export function ChangePassphrase({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const currentId = useId();
  const wrongId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>({ first: '', second: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const strength = useAssessment(next.first);
  const wrong = error instanceof CallError && error.code === 'WRONG_PASSPHRASE';
  const ready = current !== '' && newPassphraseReady(next, strength);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await coffer.changePassphrase({ current, next: next.first });
      toasts.notify(t('settings.security.passphraseChanged'), 'success');
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="change-passphrase" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field-label" htmlFor={currentId}>
          {t('settings.security.currentPassphrase')}
        </label>
        <PassphraseInput
          id={currentId}
          value={current}
          onChange={(value) => {
            setCurrent(value);
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
      <NewPassphraseFields
        value={next}
        onChange={setNext}
        strength={strength}
        labels={{ first: t('settings.security.newPassphrase'), second: t('settings.security.repeatPassphrase') }}
        disabled={busy}
      />
      {error !== null && !wrong && <InlineError error={error} />}
      <div className="change-passphrase-actions">
        {busy && <Busy text={t('unlock.deriving')} />}
        <button type="button" className="button button-ghost" disabled={busy} onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={!ready || busy}>
          {t('settings.security.change')}
        </button>
      </div>
    </form>
  );
}
