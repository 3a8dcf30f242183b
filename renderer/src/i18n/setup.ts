import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../contract/ipc.js';
import en from '../../locales/en.json';
import ko from '../../locales/ko.json';

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** The catalog to show for a preference: the system's language when we have it, else English. */
export function resolveLocale(preference: Language, systemLanguages: readonly string[] = navigator.languages): Locale {
  if (preference !== 'system') return preference;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base ?? '')) return base as Locale;
  }
  return 'en';
}

/** Starts i18next with both catalogs bundled (they are small, and the page may fetch nothing). */
export async function setupI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko } },
    lng: locale,
    fallbackLng: 'en',
    // React escapes what it renders; escaping here too would show "&amp;" in names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  return i18next;
}

/** Switches the language of every mounted screen. */
export async function switchLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}
