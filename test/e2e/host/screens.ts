import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where screens land: test-results/screens/ at the repository's root (git-ignored). */
export const SCREENS_DIR = fileURLToPath(new URL('../../../test-results/screens/', import.meta.url));

export type ScreenTheme = 'light' | 'dark';

export interface ScreenOptions {
  /** The language the page shows, for the file name: 'en', 'ko'. */
  lang: string;
  /** The OS colour scheme the page is shown under (prefers-color-scheme), which a 'system' theme follows. */
  theme: ScreenTheme;
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Saves a full-page screenshot of what `page` shows now as `<screen>.<lang>.<theme>.png` in
 * SCREENS_DIR, under the given colour scheme (which stays in force afterwards), with animations
 * finished and the caret hidden so the same screen gives the same picture. Answers the file's path.
 */
export async function saveScreen(page: Page, screen: string, { lang, theme }: ScreenOptions): Promise<string> {
  if (!NAME.test(screen) || !NAME.test(lang)) throw new Error(`screen and language names are kebab-case: ${screen}, ${lang}`);
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await mkdir(SCREENS_DIR, { recursive: true });
  const path = `${SCREENS_DIR}${screen}.${lang}.${theme}.png`;
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}
