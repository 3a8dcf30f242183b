/**
 * The desktop app end to end, in Debian's Chromium over the real core (test/e2e/host): a person's
 * first hour with Coffer, driven by the words on screen in English and again in Korean, with every
 * screen saved in both themes to test-results/screens/.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
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
let fixture: MediaFixture;
/** The fixture video under the name a person would give it. */
let video: { path: string; name: string };
let photo: string;
let notes: string;
let trip: string;

beforeAll(async () => {
  [browser, s3, fixture] = await Promise.all([launchChromium(), startS3rver(), mediaFixture('mp4-faststart')]);
  const dir = await makeTempDir('coffer-e2e-files');
  video = { path: join(dir, 'Harbour at dawn.mp4'), name: 'Harbour at dawn.mp4' };
  await copyFile(fixture.path, video.path);
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
  // The radios are drawn as tiles: a person clicks the tile's words.
  await page.getByText(text(lang, 'wizard.place.s3'), { exact: true }).click();
  await page.getByText(text(lang, 'wizard.s3.presets.r2'), { exact: true }).click();
  await page.getByLabel(text(lang, 'wizard.s3.accountId')).fill('0123456789abcdef0123456789abcdef');
  await expect.poll(() => page.getByText('https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com').isVisible()).toBe(true);
  await shoot(page, 'wizard-s3', lang);
  await page.getByText(text(lang, 'wizard.place.folder'), { exact: true }).click();
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

/** The library's tiles in the grid view. */
function tiles(page: Page) {
  return page.getByRole('listbox').getByRole('option');
}

/** The names in the list view, top to bottom. */
async function listedNames(page: Page): Promise<string[]> {
  return page.locator('[role="row"][aria-selected] .list-cell-name').evaluateAll((cells) => cells.map((cell) => cell.textContent?.trim() ?? ''));
}

describe.each(['en', 'ko'] as const)('the app in %s', (lang) => {
  let host: AppHost;
  beforeAll(async () => {
    host = await startAppHost({ browser, rendererDir: inject('rendererDir'), locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    host.page.setDefaultTimeout(10_000);
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
    for (const name of [video.name, 'harbour.png', 'notes.md', 'itinerary.txt', 'tickets.json', 'receipt.txt']) {
      await expect.poll(() => tiles(page).filter({ hasText: new RegExp(name.replace('.', '\\.')) }).count()).toBe(1);
    }
    await shoot(page, 'library-grid', lang);
    // The folder's files are under their folder in the sidebar: Trip holds three, its day1 two.
    await page.getByRole('button', { name: /^Trip \d+$/ }).click();
    await expect.poll(() => tiles(page).count()).toBe(3);
    await page.getByRole('button', { name: text(lang, 'library.sidebar.subfolders', { name: 'Trip' }) }).click();
    const day1 = page.getByRole('button', { name: /^day1 \d+$/ });
    await day1.click();
    await expect.poll(() => tiles(page).count()).toBe(2);
    await day1.click();
    await expect.poll(() => tiles(page).count()).toBe(6);
  });

  it('plays the video, seeks with the keyboard to where the frame lands, and opens the photo and the note', async () => {
    const { page } = host;
    await tiles(page).filter({ hasText: new RegExp('Harbour at dawn') }).dblclick();
    const media = page.locator('video');
    await expect.poll(() => media.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // It starts playing by itself; k pauses, so the seek below is measured on a still frame.
    await expect.poll(() => media.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0.2), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => media.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    const before = await media.evaluate((v: HTMLVideoElement) => v.currentTime);
    // l is ten seconds on, the right arrow five.
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => media.evaluate((v: HTMLVideoElement) => !v.seeking && v.readyState >= 2 && v.currentTime), { timeout: 20_000 })
      .toBeCloseTo(before + 25, 0);
    await page.keyboard.press('k');
    await expect.poll(() => media.evaluate((v: HTMLVideoElement, landed) => !v.paused && v.currentTime > landed, before + 25.2), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('k');
    await shoot(page, 'viewer-video', lang);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('heading', { name: text(lang, 'viewer.shortcuts.title') }).isVisible()).toBe(true);
    await shoot(page, 'viewer-shortcuts', lang);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: text(lang, 'viewer.next') }).click();
    await page.getByRole('button', { name: text(lang, 'viewer.next') }).click();
    await page.keyboard.press('Escape');
    await tiles(page).filter({ hasText: /harbour\.png/ }).dblclick();
    await expect.poll(() => page.locator('.viewer img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);
    await page.getByRole('button', { name: text(lang, 'viewer.photo.zoomIn') }).click();
    await shoot(page, 'viewer-photo', lang);
    await page.keyboard.press('Escape');
    await tiles(page).filter({ hasText: /notes\.md/ }).dblclick();
    await expect.poll(() => page.getByText('Packing list', { exact: false }).isVisible()).toBe(true);
    await shoot(page, 'viewer-text', lang);
    await page.keyboard.press('Escape');
  });

  it('searches as you type, sorts, renames, and deletes after a confirmation', async () => {
    const { page } = host;
    const search = page.getByRole('searchbox', { name: text(lang, 'library.search.label') });
    await search.fill('rec');
    await expect.poll(() => tiles(page).count()).toBe(1);
    await search.fill('');
    await page.getByTitle(text(lang, 'library.view.list'), { exact: true }).click();
    await expect.poll(() => page.getByRole('radio', { name: text(lang, 'library.view.list') }).isChecked()).toBe(true);
    await page.getByLabel(text(lang, 'library.sort.label')).selectOption({ label: text(lang, 'library.sort.size') });
    const bySize = (await host.session.vault().list()).sort((x, y) => x.size - y.size).map((item) => item.name);
    const direction = await page.getByRole('columnheader', { name: new RegExp(text(lang, 'library.sort.size')) }).getAttribute('aria-sort');
    await expect.poll(() => listedNames(page)).toEqual(direction === 'ascending' ? bySize : bySize.reverse());
    await shoot(page, 'library-list', lang);

    await page.getByRole('row', { name: /receipt\.txt/ }).click();
    const selectionBar = page.getByRole('region', { name: text(lang, 'library.selection.label') });
    await selectionBar.getByRole('button', { name: exactly(lang, 'common.rename') }).click();
    const name = page.getByRole('textbox', { name: text(lang, 'library.rename.label') });
    await name.fill('ferry receipt.txt');
    await shoot(page, 'rename', lang);
    await page.getByRole('dialog').getByRole('button', { name: exactly(lang, 'common.rename') }).click();
    await expect.poll(() => page.getByRole('row', { name: /ferry receipt\.txt/ }).count()).toBe(1);

    await page.getByRole('row', { name: /ferry receipt\.txt/ }).click();
    await page.getByRole('row', { name: /itinerary\.txt/ }).click({ modifiers: ['Control'] });
    await selectionBar.getByRole('button', { name: exactly(lang, 'common.delete') }).click();
    await expect.poll(() => page.getByRole('heading', { name: text(lang, 'library.delete.title', { count: 2 }) }).isVisible()).toBe(true);
    await shoot(page, 'delete-confirm', lang);
    await page.getByRole('dialog').getByRole('button', { name: text(lang, 'common.delete') }).click();
    await expect.poll(() => page.getByRole('row', { name: /itinerary\.txt|ferry receipt/ }).count()).toBe(0);
    expect((await host.session.vault().list()).map((i) => i.name).sort()).toEqual(['harbour.png', 'notes.md', 'tickets.json', video.name].sort());
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
    // The choices are drawn as tiles over their radios: a person clicks the words.
    await page.getByText(text(lang, `settings.appearance.languages.${other}`), { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: text(other, 'settings.title') }).isVisible()).toBe(true);
    await page.getByText(text(other, 'settings.appearance.dark'), { exact: true }).click();
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
      const name = video.name;
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

describe('a vault in S3-compatible storage, created, reopened and opened on a new device', () => {
  /** Fills the wizard's S3 form for s3rver, as a person using MinIO's preset would. */
  async function fillS3(page: Page, bucket: string, accessKeyId: string): Promise<void> {
    await page.getByRole('textbox', { name: text('en', 'wizard.s3.endpoint'), exact: true }).fill(s3.endpoint);
    await page.getByRole('textbox', { name: text('en', 'wizard.s3.bucket'), exact: true }).fill(bucket);
    await page.getByRole('textbox', { name: text('en', 'wizard.s3.accessKeyId'), exact: true }).fill(accessKeyId);
    await page.getByLabel(text('en', 'wizard.s3.secretAccessKey'), { exact: true }).fill(s3.credentials.secretAccessKey);
  }

  async function testConnection(page: Page, outcome: string): Promise<void> {
    await page.getByRole('button', { name: text('en', 'wizard.connection.test') }).click();
    await expect.poll(() => page.getByText(text('en', `wizard.connection.outcome.${outcome}`)).isVisible(), { timeout: 15_000 }).toBe(true);
  }

  async function chooseMinio(page: Page, start: 'create' | 'open'): Promise<void> {
    await expect.poll(() => page.getByRole('heading', { name: text('en', 'wizard.start.title') }).isVisible()).toBe(true);
    await page.getByRole('button', { name: new RegExp(text('en', `wizard.start.${start}`)) }).click();
    await page.getByText(text('en', 'wizard.place.s3'), { exact: true }).click();
    await page.getByText(text('en', 'wizard.s3.presets.minio'), { exact: true }).click();
  }

  it('reports what the connection test found, keeps only ciphertext in the bucket, and plays back from it', async () => {
    const host = await startAppHost({ browser, rendererDir: inject('rendererDir') });
    let userData: string;
    try {
      host.page.setDefaultTimeout(10_000);
      await host.open();
      const { page } = host;
      host.dialogs.confirmStorage = async () => true;
      await chooseMinio(page, 'create');
      await fillS3(page, 'no-such-bucket', s3.credentials.accessKeyId);
      await testConnection(page, 'bucket-missing');
      await fillS3(page, s3.bucket, 'NOT-A-KEY');
      await testConnection(page, 'access-denied');
      await fillS3(page, s3.bucket, s3.credentials.accessKeyId);
      await testConnection(page, 'create.empty');
      await shoot(page, 'wizard-s3-connected', 'en');
      // Main asked the user, in its own dialog, before the page's endpoint was ever reached.
      const confirmed = host.dialogCalls.filter((call) => call.name === 'confirmStorage');
      expect(confirmed.length).toBeGreaterThan(0);
      expect(JSON.stringify(confirmed[0])).toContain(s3.endpoint);

      await page.getByRole('button', { name: text('en', 'common.continue') }).click();
      await page.getByLabel(text('en', 'wizard.passphrase.new'), { exact: true }).fill(PASSPHRASE);
      await page.getByLabel(text('en', 'wizard.passphrase.repeat'), { exact: true }).fill(PASSPHRASE);
      await page.getByRole('checkbox', { name: text('en', 'wizard.passphrase.understand') }).check();
      await page.getByRole('button', { name: text('en', 'wizard.passphrase.create') }).click();
      await expect.poll(() => page.getByRole('heading', { name: text('en', 'library.empty.title') }).isVisible(), { timeout: 20_000 }).toBe(true);

      host.dialogs.chooseFilesToImport = async () => [notes, video.path];
      await page.getByRole('button', { name: text('en', 'library.add.files') }).click();
      await expect.poll(() => page.getByText(text('en', 'imports.total.files', { done: 2, total: 2 })).isVisible(), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => tiles(page).count()).toBe(2);

      // The bucket holds random names and ciphertext: neither a file name nor a line of the note.
      const stored = (await readdir(s3.dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
      expect(stored.length).toBeGreaterThan(2);
      for (const entry of stored) {
        expect(entry.name).not.toMatch(/notes|Harbour/i);
        expect((await readFile(join(entry.parentPath, entry.name))).includes('Packing list')).toBe(false);
      }

      await tiles(page).filter({ hasText: /notes\.md/ }).dblclick();
      await expect.poll(() => page.getByText('Packing list', { exact: false }).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await tiles(page).filter({ hasText: /Harbour at dawn/ }).dblclick();
      const media = page.locator('video');
      await expect.poll(() => media.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0.2), { timeout: 20_000 }).toBe(true);
      await page.keyboard.press('Escape');

      // Lock, and unlock remembering the passphrase on this device.
      await page.getByRole('button', { name: text('en', 'library.lock') }).click();
      await page.getByLabel(text('en', 'unlock.passphrase'), { exact: true }).fill(PASSPHRASE);
      await page.getByRole('checkbox', { name: text('en', 'unlock.remember.label') }).check();
      await page.getByRole('button', { name: exactly('en', 'unlock.unlock') }).click();
      await expect.poll(() => tiles(page).count(), { timeout: 20_000 }).toBe(2);
      expect(host.problems).toEqual([]);
      userData = host.userData;
    } finally {
      await host.close();
    }

    // The app started again: the vault is remembered and unlocks in one click, nothing typed.
    const again = await startAppHost({ browser, rendererDir: inject('rendererDir'), userData });
    try {
      again.page.setDefaultTimeout(10_000);
      await again.open();
      const { page } = again;
      await page.getByRole('button', { name: text('en', 'unlock.remembered') }).click();
      await expect.poll(() => tiles(page).count(), { timeout: 20_000 }).toBe(2);
      expect(again.problems).toEqual([]);
    } finally {
      await again.close();
    }

    // A new device opens the same vault through the wizard with the passphrase.
    const other = await startAppHost({ browser, rendererDir: inject('rendererDir') });
    try {
      other.page.setDefaultTimeout(10_000);
      await other.open();
      const { page } = other;
      other.dialogs.confirmStorage = async () => true;
      await chooseMinio(page, 'open');
      await fillS3(page, s3.bucket, s3.credentials.accessKeyId);
      await testConnection(page, 'open.vault');
      await page.getByRole('button', { name: text('en', 'common.continue') }).click();
      await page.getByLabel(text('en', 'wizard.passphrase.current'), { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: text('en', 'wizard.passphrase.open') }).click();
      await expect.poll(() => tiles(page).count(), { timeout: 20_000 }).toBe(2);
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
