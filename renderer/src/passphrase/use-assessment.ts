import { useEffect, useState } from 'react';
import { assessPassphrase, type PassphraseAssessment } from '../../../contract/passphrase-strength.js';

export interface Strength {
  /** The latest assessment, perhaps of what was typed a keystroke ago: what the meter shows. */
  shown: PassphraseAssessment | null;
  /** The assessment of exactly `passphrase`, or null while it is being made: what a button may trust. */
  current: PassphraseAssessment | null;
}

/**
 * Assesses a new passphrase with the rule main enforces (contract/passphrase-strength.ts), as the
 * user types. The estimator loads on first use, so the first answer may take a moment.
 */
export function useAssessment(passphrase: string): Strength {
  const [latest, setLatest] = useState<{ passphrase: string; assessment: PassphraseAssessment } | null>(null);
  useEffect(() => {
    let live = true;
    void assessPassphrase(passphrase).then((assessment) => live && setLatest({ passphrase, assessment }));
    return () => {
      live = false;
    };
  }, [passphrase]);
  return { shown: latest?.assessment ?? null, current: latest?.passphrase === passphrase ? latest.assessment : null };
}
