/**
 * The app's own words, looked up in its catalogs: a scenario finds a control by the text a user of
 * that language reads, so one scenario drives the app in English and in Korean alike.
 */
import en from '../../../renderer/locales/en.json';
import ko from '../../../renderer/locales/ko.json';

export type Lang = 'en' | 'ko';
type Catalog = { [key: string]: string | Catalog };
const CATALOGS: Record<Lang, Catalog> = { en, ko };

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The catalog text for `key` (or its `_other` plural) with {{placeholders}} filled in. */
export function text(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const catalog = CATALOGS[lang];
  const found = lookup(catalog, key) ?? lookup(catalog, `${key}_other`);
  if (found === undefined) throw new Error(`no ${key} in ${lang}.json`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** An exact-match pattern for the text, for Playwright's name options. */
export function exactly(lang: Lang, key: string, values?: Record<string, string | number>): RegExp {
  return new RegExp(`^${text(lang, key, values).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
