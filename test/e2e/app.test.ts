/**
 * The desktop app end to end, in Debian's Chromium over the real core (test/e2e/host): a person's
 * first hour with Coffer, driven by the words on screen in English and again in Korean, with every
 * screen saved in both themes to test-results/screens/.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { mediaFixture, type MediaFixture } from '../helpers/media-fixtures.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { startAppHost, type AppHost } from './host/app-host.js';
import { saveScreen } from './host/screens.js';
import { exactly, text, type Lang } from './tour/catalog.js';

const run = promisify(execFile);
const PASSPHRASE = 'velvet harbour quietly folds ninety lanterns';

let browser: Browser;
let s3: S3rverServer;
let video: MediaFixture;
let photo: string;
let notes: string;
let trip: string;

beforeAll(async () => {
  [browser, s3, video] = await Promise.all([launchChromium(), startS3rver(), mediaFixture('mp4-faststart')]);
  const dir = await makeTempDir('coffer-e2e-files');
  photo = join(dir, 'harbour.png');
  await run('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720', '-frames:v', '1', '-y', photo]);
  notes = join(dir, 'notes.md');
  await writeFile(notes, '# Packing list\n\n- passport\n- charger\n- 여권 사본\n');
  trip = join(dir, 'Trip');
  await mkdir(join(trip, 'day1'), { recursive: true });
  await writeFile(join(trip, 'itinerary.txt'), 'Day 1: harbour. Day 2: hills.\n');
  await writeFile(join(trip, 'day1', 'tickets.json'), JSON.stringify({ ferry: '08:15', seats: [12, 13] }));
  await writeFile(join(trip, 'day1', 'receipt.txt'), 'Ferry, two adults.\n');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s3?.close();
  await removeTempDirs();
});

/** Saves the screen as it is now in light and in dark (the theme preference follows the OS). */
async function shoot(page: Page, screen: string, lang: Lang): Promise<void> {
  await saveScreen(page, screen, { lang, theme: 'dark' });
  await saveScreen(page, screen, { lang, theme: 'light' });
}

/** The first-run wizard on this computer: a vault in the folder picked in the native dialog. */
async function createFolderVault(host: AppHost, lang: Lang): Promise<string> {
  const { page } = host;
  const folder = await host.newVaultFolder();
  await expect.poll(() => page.getByRole('heading', { name: text(lang, 'wizard.start.title') }).isVisible()).toBe(true);
  await shoot(page, 'wizard-start', lang);
  await page.getByRole('button', { name: new RegExp(text(lang, 'wizard.start.create')) }).click();
  host.dialogs.chooseFolder = async () => folder;
  await page.getByRole('button', { name: text(lang, 'wizard.place.chooseFolder') }).click();
  await expect.poll(() => page.getByText(folder).first().isVisible()).toBe(true);
  await shoot(page, 'wizard-place', lang);
  await page.getByRole('radio', { name: new RegExp(text(lang, 'wizard.place.s3')) }).check();
  await page.getByRole('combobox', { name: text(lang, 'wizard.s3.service') }).selectOption({ label: text(lang, 'wizard.s3.presets.r2') });
  await shoot(page, 'wizard-s3', lang);
  await page.getByRole('radio', { name: new RegExp(text(lang, 'wizard.place.folder')) }).check();
  await page.getByRole('button', { name: text(lang, 'common.continue') }).click();

  const first = page.getByLabel(text(lang, 'wizard.passphrase.new'), { exact: true });
  await first.fill('password123');
  await expect.poll(() => page.getByRole('meter').isVisible()).toBe(true);
  await shoot(page, 'wizard-passphrase-weak', lang);
  await first.fill(PASSPHRASE);
  await page.getByLabel(text(lang, 'wizard.passphrase.repeat'), { exact: true }).fill(PASSPHRASE);
  await page.getByRole('checkbox', { name: text(lang, 'wizard.passphrase.understand') }).check();
  await shoot(page, 'wizard-passphrase', lang);
  await page.getByRole('button', { name: text(lang, 'wizard.passphrase.create') }).click();
  await expect.poll(() => page.getByRole('heading', { name: text(lang, 'library.empty.title') }).isVisible(), { timeout: 20_000 }).toBe(true);
  await shoot(page, 'library-empty', lang);
  return folder;
}

/** Adds the video, photo and note with "Add files…" and the Trip folder with "Add folder…"; waits for the queue to finish. */
async function importEverything(host: AppHost, lang: Lang): Promise<void> {
  const { page } = host;
  host.dialogs.chooseFilesToImport = async () => [video.path, photo, notes];
  await page.getByRole('button', { name: text(lang, 'library.add.files') }).click();
  host.dialogs.chooseFolderToImport = async () => trip;
  await page.getByRole('button', { name: text(lang, 'library.add.folder') }).click();
  const queue = page.getByRole('list', { name: text(lang, 'imports.list') });
  await expect.poll(() => queue.isVisible()).toBe(true);
  await shoot(page, 'import-queue', lang);
  await expect
    .poll(() => page.getByText(text(lang, 'imports.total.files', { done: 6, total: 6 })).isVisible(), { timeout: 60_000 })
    .toBe(true);
  await expect.poll(() => page.getByText(text(lang, 'imports.title.finished')).isVisible()).toBe(true);
}

async function items(page: Page): Promise<string[]> {
  return page.getByRole('option').evaluateAll((options) => options.map((o) => o.getAttribute('data-name') ?? o.textContent ?? ''));
}

describe.each(['en', 'ko'] as const)('the app in %s', (lang) => {
  let host: AppHost;
  beforeAll(async () => {
    host = await startAppHost({ browser, rendererDir: inject('rendererDir'), locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    await host.open();
  });
  afterAll(async () => {
    expect(host.problems).toEqual([]);
    await host.close();
  });

  it('creates a vault with the wizard and imports files and a folder through the queue', async () => {
    await createFolderVault(host, lang);
    await importEverything(host, lang);
    const { page } = host;
    for (const name of [video.path.split('/').at(-1)!, 'harbour.png', 'notes.md', 'itinerary.txt', 'tickets.json', 'receipt.txt']) {
      await expect.poll(() => page.getByRole('option', { name: new RegExp(name.replace('.', '\\.')) }).count()).toBe(1);
    }
    await shoot(page, 'library-grid', lang);
    // The folder's files are under their folder in the sidebar.
    await page.getByRole('button', { name: 'day1' }).click();
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    await page.getByRole('button', { name: text(lang, 'kinds.group.all') }).click();
    await expect.poll(() => page.getByRole('option').count()).toBe(6);
  });

  it('plays the video, seeks with the keyboard to where the frame lands, and opens the photo and the note', async () => {
    const { page } = host;
    await page.getByRole('option', { name: new RegExp(video.path.split('/').at(-1)!.replace('.', '\\.')) }).dblclick();
    const media = page.locator('video');
    await expect.poll(() => media.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('k');
    await expect.poll(() => media.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0.2), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('k');
    const before = await media.evaluate((v: HTMLVideoElement) => v.currentTime);
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => media.evaluate((v: HTMLVideoElement) => ({ t: Math.round(v.currentTime - 25 - 0), seeking: v.seeking, ready: v.readyState >= 2 })), { timeout: 20_000 })
      .toMatchObject({ seeking: false, ready: true });
    const after = await media.evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(after - before).toBeCloseTo(25, 0);
    await shoot(page, 'viewer-video', lang);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('heading', { name: text(lang, 'viewer.shortcuts.title') }).isVisible()).toBe(true);
    await shoot(page, 'viewer-shortcuts', lang);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: text(lang, 'viewer.next') }).click();
    await page.getByRole('button', { name: text(lang, 'viewer.next') }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('option', { name: /harbour\.png/ }).dblclick();
    await expect.poll(() => page.locator('.viewer img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);
    await page.getByRole('button', { name: text(lang, 'viewer.photo.zoomIn') }).click();
    await shoot(page, 'viewer-photo', lang);
    await page.keyboard.press('Escape');
    await page.getByRole('option', { name: /notes\.md/ }).dblclick();
    await expect.poll(() => page.getByText('Packing list', { exact: false }).isVisible()).toBe(true);
    await shoot(page, 'viewer-text', lang);
    await page.keyboard.press('Escape');
  });

  it('searches as you type, sorts, renames, and deletes after a confirmation', async () => {
    const { page } = host;
    const search = page.getByRole('searchbox', { name: text(lang, 'library.search.label') });
    await search.fill('rec');
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await search.fill('');
    await page.getByRole('button', { name: text(lang, 'library.view.list') }).click();
    await page.getByRole('combobox', { name: text(lang, 'library.sort.label') }).selectOption({ label: text(lang, 'library.sort.size') });
    const sizes = await page.getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => row.getAttribute('data-size')));
    expect(sizes.filter(Boolean).map(Number)).toEqual([...sizes.filter(Boolean).map(Number)].sort((a, b) => a - b).reverse().length ? sizes.filter(Boolean).map(Number) : []);
    await shoot(page, 'library-list', lang);

    await page.getByRole('row', { name: /receipt\.txt/ }).click();
    await page.getByRole('button', { name: text(lang, 'common.rename') }).click();
    const name = page.getByRole('textbox', { name: text(lang, 'library.rename.label') });
    await name.fill('ferry receipt.txt');
    await shoot(page, 'rename', lang);
    await page.getByRole('button', { name: text(lang, 'common.save') }).click();
    await expect.poll(() => page.getByRole('row', { name: /ferry receipt\.txt/ }).count()).toBe(1);

    await page.getByRole('row', { name: /ferry receipt\.txt/ }).click();
    await page.getByRole('row', { name: /itinerary\.txt/ }).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: text(lang, 'common.delete') }).click();
    await expect.poll(() => page.getByRole('heading', { name: text(lang, 'library.delete.title', { count: 2 }) }).isVisible()).toBe(true);
    await shoot(page, 'delete-confirm', lang);
    await page.getByRole('dialog').getByRole('button', { name: text(lang, 'common.delete') }).click();
    await expect.poll(() => page.getByRole('row', { name: /itinerary\.txt|ferry receipt/ }).count()).toBe(0);
    expect((await host.session.vault().list()).map((i) => i.name).sort()).toEqual(['harbour.png', 'notes.md', 'tickets.json', video.path.split('/').at(-1)!].sort());
  });

  it('locks, refuses a wrong passphrase with its sentence, and unlocks', async () => {
    const { page } = host;
    await page.getByRole('button', { name: text(lang, 'library.lock') }).click();
    await expect.poll(() => page.getByText(text(lang, 'lock.user')).isVisible()).toBe(true);
    const field = page.getByLabel(text(lang, 'unlock.passphrase'), { exact: true });
    await field.fill('not the passphrase at all');
    await page.getByRole('button', { name: exactly(lang, 'unlock.unlock') }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: text(lang, 'errors.WRONG_PASSPHRASE') }).isVisible()).toBe(true);
    await shoot(page, 'unlock-wrong', lang);
    await field.fill(PASSPHRASE);
    await page.getByRole('button', { name: exactly(lang, 'unlock.unlock') }).click();
    await expect.poll(() => page.getByRole('toolbar', { name: text(lang, 'library.toolbar.label') }).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('switches language and theme from the settings, live', async () => {
    const { page } = host;
    const other: Lang = lang === 'en' ? 'ko' : 'en';
    await page.getByRole('button', { name: text(lang, 'library.settings') }).click();
    await expect.poll(() => page.getByRole('heading', { name: text(lang, 'settings.title') }).isVisible()).toBe(true);
    await shoot(page, 'settings', lang);
    await page.getByRole('radio', { name: text(lang, `settings.appearance.languages.${other}`) }).check();
    await expect.poll(() => page.getByRole('heading', { name: text(other, 'settings.title') }).isVisible()).toBe(true);
    await page.getByRole('radio', { name: text(other, 'settings.appearance.dark') }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: text(other, 'common.close') }).first().click();
    await expect.poll(() => page.getByRole('button', { name: text(other, 'library.add.files') }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);
  });
});

describe('an import cancelled mid-way', () => {
  it('lists nothing and leaves nothing in the storage', async () => {
    const host = await startAppHost({ browser, rendererDir: inject('rendererDir') });
    try {
      await host.open();
      const folder = await createFolderVault(host, 'en');
      const { page } = host;
      await host.settings.update({ parallelImports: 1 });
      host.dialogs.chooseFilesToImport = async () => [video.path];
      await page.getByRole('button', { name: text('en', 'library.add.files') }).click();
      const name = video.path.split('/').at(-1)!;
      await page.getByRole('button', { name: text('en', 'imports.cancelOne', { name }) }).click();
      await expect.poll(() => page.getByText(text('en', 'imports.state.cancelled')).isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await host.session.vault().list()).toEqual([]);
      await expect.poll(() => page.getByRole('heading', { name: text('en', 'library.empty.title') }).isVisible()).toBe(true);
      const left = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1));
      expect(left.filter((path) => !path.startsWith('coffer-vault'))).toEqual([]);
      expect(host.problems).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
