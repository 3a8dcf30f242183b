import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcErrorCode } from '../../../contract/errors.js';
import { CallError } from '../coffer.js';

/** Codes whose detail from main says which input or item is meant, worth showing under the sentence. */
const DETAILED: ReadonlySet<IpcErrorCode> = new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'LOCATION_NOT_EMPTY', 'NOT_A_FILE']);

export interface ErrorText {
  /** The error code's sentence, in the language on screen. */
  sentence: string;
  /** Main's own words, where they name what went wrong; English. */
  detail: string | null;
}

/** Turns anything a request threw into words for people: never a raw exception. */
export function useErrorText(): (error: unknown) => ErrorText {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof CallError) {
        return { sentence: t(`errors.${error.code}`), detail: DETAILED.has(error.code) ? error.detail : null };
      }
      return { sentence: t('errors.INTERNAL'), detail: null };
    },
    [t],
  );
}
