/**
 * The message catalogs: both languages have the same keys with the same placeholders, every key the
 * renderer asks for exists, and every key in the catalogs is asked for somewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcErrorCodes } from '../../contract/errors.js';
import en from '../../renderer/locales/en.json';
import ko from '../../renderer/locales/ko.json';

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [inner, text] of flatten(value, path)) keys.set(inner, text);
  }
  return keys;
}

/** i18next's plural forms are one key to the code that asks for it. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const english = flatten(en);
const korean = flatten(ko);
const code = sources('renderer/src').join('\n');
/** Keys passed to t() literally: these must exist. */
const requested = new Set([...code.matchAll(/\bt\(\s*['"]([\w.-]+)['"]/g)].map((m) => m[1]!));
/** Prefixes of keys built at run time, like t(`errors.${code}`): every key under them counts as asked for. */
const dynamicPrefixes = [...code.matchAll(/\bt\(\s*`([\w.-]+\.)\$\{/g)].map((m) => m[1]!);
/** Every quoted string in the code: a key kept in a table (a label's key) is asked for that way. */
const quoted = new Set([...code.matchAll(/['"`]([\w-]+(?:\.[\w-]+)+)['"`]/g)].map((m) => m[1]!));

describe('the message catalogs', () => {
  it('have the same keys in English and Korean', () => {
    const englishBase = new Set([...english.keys()].map(baseKey));
    const koreanBase = new Set([...korean.keys()].map(baseKey));
    expect([...englishBase].filter((key) => !koreanBase.has(key)), 'missing in ko.json').toEqual([]);
    expect([...koreanBase].filter((key) => !englishBase.has(key)), 'missing in en.json').toEqual([]);
  });

  it('use the same placeholders in both languages, and no text is empty', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      const other = korean.get(key) ?? korean.get(`${baseKey(key)}_other`);
      expect(other?.trim(), key).toBeTruthy();
      expect(placeholders(other!), key).toEqual(placeholders(text));
    }
  });

  it('hold every key the renderer asks for', () => {
    const known = new Set([...english.keys()].map(baseKey));
    expect([...requested].filter((key) => !known.has(key))).toEqual([]);
  });

  it('hold no key that nothing asks for', () => {
    const unused = [...new Set([...english.keys()].map(baseKey))].filter(
      (key) => !quoted.has(key) && !dynamicPrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('give every error code its sentence', () => {
    expect([...english.keys()].filter((key) => key.startsWith('errors.')).sort()).toEqual(ipcErrorCodes.map((c) => `errors.${c}`).sort());
  });
});
