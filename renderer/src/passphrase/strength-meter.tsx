import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_SCORE, type PassphraseAssessment } from '../../../contract/passphrase-strength.js';
import './passphrase.css';

interface Props {
  assessment: PassphraseAssessment | null;
  /** Nothing typed yet: the meter stays empty and says what makes a good passphrase. */
  empty: boolean;
  id?: string;
}

const LEVELS = [1, 2, 3, 4] as const;

/**
 * zxcvbn's score as four bars with a word, and the rule's reasons when the passphrase falls short.
 * The colour says whether main will accept it, not the score alone: a strong but short passphrase
 * is still refused.
 */
export function StrengthMeter({ assessment, empty, id }: Props) {
  const { t } = useTranslation();
  const score = empty || !assessment ? 0 : assessment.score;
  const verdict = empty || !assessment ? 'none' : assessment.ok ? 'ok' : score >= MIN_PASSPHRASE_SCORE ? 'short' : score === 2 ? 'fair' : 'weak';
  // Once something is typed, at least one bar shows, so "too guessable" reads as a meter, not as nothing.
  const lit = verdict === 'none' ? 0 : Math.max(score, 1);
  const label = verdict === 'none' ? '' : verdict === 'short' ? t('strength.tooShortLabel') : t(`strength.score.${score}`);
  return (
    <div className="strength" id={id}>
      <div className="strength-row">
        <div
          className={`strength-bars strength-${verdict}`}
          role="meter"
          aria-label={t('strength.label')}
          aria-valuemin={0}
          aria-valuemax={4}
          aria-valuenow={score}
          aria-valuetext={label || t('strength.none')}
        >
          {LEVELS.map((level) => (
            <span key={level} className={level <= lit ? 'strength-bar strength-bar-on' : 'strength-bar'} />
          ))}
        </div>
        <span className={`strength-word strength-${verdict}`} aria-hidden>
          {label}
        </span>
      </div>
      {empty || !assessment ? (
        <p className="field-hint">{t('strength.advice')}</p>
      ) : (
        !assessment.ok && (
          <ul className="strength-reasons">
            {assessment.reasonKeys.map(({ key, ...values }) => (
              <li key={key}>{t(`strength.reasons.${key}`, values)}</li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
