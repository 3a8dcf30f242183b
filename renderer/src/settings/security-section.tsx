import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coffer } from '../coffer.js';
import { usePreferences } from '../preferences.js';
import { useToasts } from '../ui/toasts.js';
import { ChangePassphrase } from './change-passphrase.js';
import { SettingsRow } from './settings-row.js';

const AUTO_LOCK_MINUTES = [0, 1, 5, 10, 15, 30, 60];

/** When the vault locks by itself, its passphrase, and the secrets this device keeps. */
export function SecuritySection() {
  const { t } = useTranslation();
  const toasts = useToasts();
  const { settings, update } = usePreferences();
  const [changing, setChanging] = useState(false);
  const [confirmingForget, setConfirmingForget] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  // A value set elsewhere (the CLI, an older version) stays selectable rather than shown wrong.
  const choices = AUTO_LOCK_MINUTES.includes(settings.autoLockMinutes)
    ? AUTO_LOCK_MINUTES
    : [...AUTO_LOCK_MINUTES, settings.autoLockMinutes].sort((a, b) => a - b);

  const forget = async () => {
    setForgetting(true);
    try {
      await coffer.forgetSecrets();
      toasts.notify(t('settings.security.forgotten'), 'success');
      setConfirmingForget(false);
    } catch (error) {
      toasts.fail(error);
    } finally {
      setForgetting(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-security">
      <h3 id="settings-security">{t('settings.security.title')}</h3>
      <SettingsRow label={t('settings.security.autoLock')} hint={t('settings.security.autoLockHint')}>
        {(labelId) => (
          <select
            className="select settings-select"
            aria-labelledby={labelId}
            value={settings.autoLockMinutes}
            onChange={(event) => void update({ autoLockMinutes: Number(event.target.value) }).catch(toasts.fail)}
          >
            {choices.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes === 0 ? t('settings.security.never') : t('settings.security.minutes', { count: minutes })}
              </option>
            ))}
          </select>
        )}
      </SettingsRow>

      {changing ? (
        <div className="settings-subcard">
          <h4 className="settings-subtitle">{t('settings.security.changeTitle')}</h4>
          <ChangePassphrase onDone={() => setChanging(false)} />
        </div>
      ) : (
        <SettingsRow label={t('settings.security.passphrase')} hint={t('settings.security.passphraseHint')}>
          {() => (
            <button type="button" className="button" onClick={() => setChanging(true)}>
              {t('settings.security.changeOpen')}
            </button>
          )}
        </SettingsRow>
      )}

      {confirmingForget ? (
        <div className="callout callout-warning settings-confirm" role="group" aria-label={t('settings.security.forgetLabel')}>
          <TriangleAlert size={18} aria-hidden className="callout-icon" />
          <div className="callout-body">
            <p>{t('settings.security.forgetConfirm')}</p>
            <div className="settings-confirm-actions">
              <button type="button" className="button button-small" disabled={forgetting} onClick={() => setConfirmingForget(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button-small button-danger" disabled={forgetting} onClick={() => void forget()}>
                {t('settings.security.forget')}
              </button>
            </div>
          </div>
        </div>
      ) : (
        <SettingsRow label={t('settings.security.forgetLabel')} hint={t('settings.security.forgetHint')}>
          {() => (
            <button type="button" className="button" onClick={() => setConfirmingForget(true)}>
              {t('settings.security.forgetOpen')}
            </button>
          )}
        </SettingsRow>
      )}
    </section>
  );
}
