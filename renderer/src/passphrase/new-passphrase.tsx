import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Strength } from './use-assessment.js';
import { PassphraseInput } from './passphrase-input.js';
import { StrengthMeter } from './strength-meter.js';
import './passphrase.css';

export interface NewPassphrase {
  first: string;
  second: string;
}

interface Props {
  value: NewPassphrase;
  onChange: (value: NewPassphrase) => void;
  strength: Strength;
  labels: { first: string; second: string };
  disabled?: boolean;
  autoFocus?: boolean;
}

/** True once the passphrase passes the rule and both fields agree. */
export function newPassphraseReady({ first, second }: NewPassphrase, strength: Strength): boolean {
  return strength.current?.ok === true && first === second;
}

/**
 * A new passphrase typed twice, with the strength meter under the first field. A mismatch is said
 * once the second field can no longer become the first by typing on, or when the user leaves it.
 */
export function NewPassphraseFields({ value, onChange, strength, labels, disabled, autoFocus }: Props) {
  const { t } = useTranslation();
  const firstId = useId();
  const secondId = useId();
  const meterId = useId();
  const mismatchId = useId();
  const [leftSecond, setLeftSecond] = useState(false);
  const { first, second } = value;
  const mismatch = second !== '' && second !== first && (leftSecond || !first.startsWith(second));
  return (
    <div className="new-passphrase">
      <div className="field">
        <label className="field-label" htmlFor={firstId}>
          {labels.first}
        </label>
        <PassphraseInput
          id={firstId}
          value={first}
          onChange={(next) => onChange({ ...value, first: next })}
          aria-describedby={meterId}
          disabled={disabled}
          autoFocus={autoFocus}
        />
        <StrengthMeter id={meterId} assessment={strength.shown} empty={first === ''} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={secondId}>
          {labels.second}
        </label>
        <PassphraseInput
          id={secondId}
          value={second}
          onChange={(next) => onChange({ ...value, second: next })}
          onBlur={() => setLeftSecond(true)}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? mismatchId : undefined}
          disabled={disabled}
        />
        {mismatch && (
          <p className="field-error" id={mismatchId}>
            {t('strength.mismatch')}
          </p>
        )}
      </div>
    </div>
  );
}
