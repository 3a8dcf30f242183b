/**
 * [Note: passphrase rule] One rule for every new passphrase, in the app and the CLI: at least
 * MIN_PASSPHRASE_LENGTH characters, and a zxcvbn-ts estimate of at least MIN_PASSPHRASE_SCORE ("safely
 * unguessable: moderate protection from an offline attack", which is what a stolen vault config
 * faces). It lives in the contract, which both main and the renderer may import, so a strength meter
 * in the renderer shows exactly what the core enforces (main/keys/passphrase-rule.ts).
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { translations as englishTranslations } from '@zxcvbn-ts/language-en';

export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_PASSPHRASE_SCORE = 3;

type ZxcvbnTranslations = typeof englishTranslations;

/**
 * One reason as a key a UI translates, with what the sentence needs: `warnings.*` and
 * `suggestions.*` are zxcvbn's own translation keys.
 */
export type PassphraseReason =
  | { key: 'empty' }
  | { key: 'tooShort'; length: number; minimum: number }
  | { key: 'guessable' }
  | { key: `warnings.${keyof ZxcvbnTranslations['warnings']}` }
  | { key: `suggestions.${keyof ZxcvbnTranslations['suggestions']}` };

/** What the rule makes of a passphrase: `reasons` say, in English, why it is refused (empty when ok). */
export interface PassphraseAssessment {
  ok: boolean;
  /** zxcvbn's score: 0 (too guessable) … 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  reasons: string[];
  /** The same reasons, in the same order, as keys for a translated UI. */
  reasonKeys: PassphraseReason[];
}

interface Estimator {
  factory: ZxcvbnFactory;
  /** zxcvbn's English feedback sentence → its translation key, to hand a UI keys instead of English. */
  keyOf: Map<string, PassphraseReason>;
}

let estimator: Promise<Estimator> | undefined;

/**
 * Built on first use: the dictionaries are a few megabytes, loaded only where a passphrase is being
 * set, so other CLI commands and the renderer's other screens never pay for them. Without zxcvbn's
 * Levenshtein matcher: it catches misspelt dictionary words ("Tr0ub4dor&3"), but makes each check
 * take 0.2 to 2 s of CPU, too slow for a meter that follows typing and for the app's main process.
 */
function zxcvbn(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, english]) => ({
      factory: new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
      keyOf: new Map<string, PassphraseReason>(
        (['warnings', 'suggestions'] as const).flatMap((group) =>
          Object.entries(english.translations[group]).map(([key, text]) => [text, { key: `${group}.${key}` } as PassphraseReason]),
        ),
      ),
    }),
  );
  return estimator;
}

/** Checks `passphrase` against the rule; never throws for any string. */
export async function assessPassphrase(passphrase: string): Promise<PassphraseAssessment> {
  const normalised = passphrase.normalize('NFC');
  const length = [...normalised].length;
  const { factory, keyOf } = await zxcvbn();
  const { score, feedback } = factory.check(normalised);
  const reasons: string[] = [];
  const reasonKeys: PassphraseReason[] = [];
  if (length < MIN_PASSPHRASE_LENGTH) {
    reasons.push(length === 0 ? 'It is empty.' : `It is too short: ${length} characters, where at least ${MIN_PASSPHRASE_LENGTH} are needed.`);
    reasonKeys.push(length === 0 ? { key: 'empty' } : { key: 'tooShort', length, minimum: MIN_PASSPHRASE_LENGTH });
  }
  if (score < MIN_PASSPHRASE_SCORE) {
    const said = [feedback.warning ?? 'It is too easy to guess.', ...feedback.suggestions];
    reasons.push(...said);
    // Every sentence zxcvbn says comes from its translations; one it might add later reads as "too easy to guess".
    reasonKeys.push(...said.map((text) => keyOf.get(text) ?? { key: 'guessable' as const }));
  }
  return { ok: reasons.length === 0, score, reasons, reasonKeys };
}
