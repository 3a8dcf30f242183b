import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../preferences.js';
import './passphrase.css';

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

/**
 * "Remember on this device": the passphrase (and an S3 secret) kept in the OS keychain. Offered only
 * where the keychain is one Coffer trusts; elsewhere it says why not.
 */
export function RememberChoice({ checked, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const { secretStorage } = usePreferences().settings;
  const hintId = useId();
  const available = secretStorage === 'available';
  return (
    <div className="field remember-choice">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={available && checked}
          disabled={disabled || !available}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.checked)}
        />
        {t('unlock.remember.label')}
      </label>
      <p className="field-hint" id={hintId}>
        {t(`unlock.remember.${secretStorage}`)}
      </p>
    </div>
  );
}
