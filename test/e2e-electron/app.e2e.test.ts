/**
 * End to end, in the real Electron app, with Chromium's sandbox on as it ships: each test starts
 * Coffer with a fresh userData folder, creates a vault, imports a generated video (index first, and
 * index last), plays it, seeks, exports and locks.
 *
 * Runs against the packaged E2E build when COFFER_E2E_EXECUTABLE names its executable (CI:
 * `npm run dist:e2e`, whose fuses allow the inspector Playwright attaches through), otherwise
 * against the development Electron binary and out/ (`npm run build`). Without an Electron binary
 * every test is skipped, and the warning says what is missing and how to get it.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../helpers/electron-binary.js';
import { mediaFixture, type FixtureName, type MediaFixture } from '../helpers/media-fixtures.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

const root = process.cwd();
const PASSPHRASE = 'correct horse battery staple';
/** Imports and exports wait up to this long for a 30 MB video on a slow CI machine. */
const IMPORT_MS = 120_000;
/** A test that imports (and perhaps exports) gets its waits plus room to start, play and close. */
const IMPORT_TEST_MS = 2 * IMPORT_MS + 60_000;

/** The Electron to launch and its arguments, or exactly what is missing. */
async function findElectron(): Promise<{ executablePath: string; args: string[]; packaged: boolean } | { missing: string }> {
  const packaged = process.env.COFFER_E2E_EXECUTABLE;
  if (packaged) return { executablePath: packaged, args: [], packaged: true };
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const found = await findElectronBinary(electronDir, process.env.ELECTRON_OVERRIDE_DIST_PATH);
  return 'missing' in found ? found : { executablePath: found.executablePath, args: [root], packaged: false };
}

const target = await findElectron();
const missing = 'missing' in target ? target.missing : undefined;
if (missing) console.warn(`skipped: no Electron binary: ${missing}`);

const fixtures = new Map<FixtureName, MediaFixture>();
let app: ElectronApplication | undefined;

beforeAll(async () => {
  if (missing || 'missing' in target) return;
  if (!target.packaged) {
    await access(join(root, 'out/main/index.js')).catch(() => {
      throw new Error('out/main/index.js is missing: run `npm run build` before the E2E tests');
    });
  }
  for (const name of ['mp4-faststart', 'mp4-moov-at-end'] as const) fixtures.set(name, await mediaFixture(name));
}, 300_000);

const fixture = (name: FixtureName) => fixtures.get(name)!;

afterEach(async () => {
  await app?.close();
  app = undefined;
  await removeTempDirs();
});

/** Starts Coffer with its own fresh userData and returns its window. */
async function launch(): Promise<{ page: Page; userData: string }> {
  if ('missing' in target) throw new Error('unreachable: tests are skipped without Electron');
  const userData = await makeTempDir('coffer-e2e-profile');
  // chromiumSandbox: otherwise Playwright adds --no-sandbox on Linux, and the app under test would
  // not be the sandboxed one that ships.
  app = await electron.launch({
    executablePath: target.executablePath,
    args: [...target.args, `--user-data-dir=${userData}`],
    chromiumSandbox: true,
  });
  const page = await app.firstWindow();
  await page.getByRole('heading', { name: 'Coffer' }).waitFor();
  return { page, userData };
}

async function createVault(page: Page): Promise<void> {
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create new vault' }).click();
  await page.getByText('Drop files here').waitFor();
}

/** Imports through "Add files…", with the native open dialog replaced inside the main process (it cannot be driven). */
async function importFixture(page: Page, name: FixtureName): Promise<MediaFixture> {
  const media = fixture(name);
  await app!.evaluate(({ dialog }, filePath) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [filePath] })) as typeof dialog.showOpenDialog;
  }, media.path);
  await page.getByRole('button', { name: 'Add files…' }).click();
  await page.getByRole('cell', { name: media.path.split('/').at(-1)! }).waitFor({ timeout: IMPORT_MS });
  return media;
}

/** Plays the item, checks its duration, seeks to 40 s and waits for a frame there. */
async function playAndSeek(page: Page, media: MediaFixture): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).click();
  const video = page.locator('video');
  await expect(video.getAttribute('src')).resolves.toMatch(/^vault:\/\/media\/[A-Za-z0-9_-]{43}$/);
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, null, { timeout: 30_000 });
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(media.durationSeconds, 0);

  await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        v.addEventListener('seeked', () => resolve(), { once: true });
        v.currentTime = 40;
      }),
  );
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, null, { timeout: 30_000 });
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(40);
}

/** Runs the app outside Playwright; resolves with its exit code and what it printed to stderr. */
function runApp(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  if ('missing' in target) throw new Error('unreachable: tests are skipped without Electron');
  return new Promise((resolve, reject) => {
    const child = spawn(target.executablePath, [...target.args, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the app was still running after ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe.skipIf(missing !== undefined)('Coffer desktop app', () => {
  it('starts locked, offering a new vault folder inside userData', async () => {
    const { page, userData } = await launch();
    await expect(page.getByLabel('Vault folder').textContent()).resolves.toBe(join(userData, 'vault'));
  });

  it(
    'creates a vault, imports a video, plays it, seeks, and locks',
    async () => {
      const { page } = await launch();
      await createVault(page);
      const media = await importFixture(page, 'mp4-faststart');
      await playAndSeek(page, media);

      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByText('Vault locked.').waitFor();
      await expect(page.evaluate(() => window.coffer.listItems())).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });

      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.getByRole('cell', { name: media.path.split('/').at(-1)! }).waitFor();
    },
    IMPORT_TEST_MS,
  );

  // The index (moov) at the end makes the player range-request the tail before the first frame, then
  // seek back: through a custom scheme, that is where other players broke.
  it(
    'plays and seeks an MP4 whose index comes after its media data',
    async () => {
      const { page } = await launch();
      await createVault(page);
      await playAndSeek(page, await importFixture(page, 'mp4-moov-at-end'));
    },
    IMPORT_TEST_MS,
  );

  it(
    'exports an item byte for byte to the path the save dialog returns',
    async () => {
      const { page, userData } = await launch();
      await createVault(page);
      const media = await importFixture(page, 'mp4-faststart');
      const out = join(userData, 'exported.mp4');
      // Native dialogs cannot be driven; replace this one inside the main process.
      await app!.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, out);
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByText(`Exported to ${out}`).waitFor({ timeout: IMPORT_MS });
      expect((await readFile(out)).equals(await readFile(media.path))).toBe(true);
    },
    IMPORT_TEST_MS,
  );

  it('runs the page isolated: no Node, no raw IPC, no navigation away, no new windows', async () => {
    const { page } = await launch();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => 'invoke' in window.coffer || 'ipcRenderer' in window.coffer)).toBe(false);
    // A page-made File has no path behind it, so the page cannot name a file to import.
    await expect(page.evaluate(() => window.coffer.importDropped([new File(['x'], 'id_ed25519')]))).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://coffer/index.html');
  });

  it('runs with the sandbox on', async () => {
    await launch();
    expect(await app!.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('no-sandbox'))).toBe(false);
  });

  it('exits with an error, instead of staying up without a window, when it cannot start', async () => {
    const userData = await makeTempDir('coffer-e2e-profile');
    // A folder where settings.json belongs makes reading the settings fail inside run().
    await mkdir(join(userData, 'settings.json'));
    const { code, stderr } = await runApp([`--user-data-dir=${userData}`]);
    expect(code).toBe(1);
    expect(stderr).toContain('[coffer]');
  });
});
