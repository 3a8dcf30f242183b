/**
 * End to end, in the real Electron app: each test starts Coffer with a fresh userData folder,
 * creates a vault, imports a generated video, plays it, seeks, exports and locks.
 *
 * Runs against the packaged E2E build when COFFER_E2E_EXECUTABLE names its executable (CI:
 * `npm run dist:e2e`, whose fuses allow the inspector Playwright attaches through), otherwise
 * against the development Electron binary and out/ (`npm run build`). Without an Electron binary
 * (this sandbox cannot download one) every test is skipped, and the reason is printed.
 */
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixture, type MediaFixture } from '../helpers/media-fixtures.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

const root = process.cwd();
const PASSPHRASE = 'correct horse battery staple';

/**
 * The Electron to launch and its arguments, or why there is none. Reads the electron package's
 * path.txt directly: requiring the package would try to download a missing binary.
 */
async function findElectron(): Promise<{ executablePath: string; args: string[] } | { missing: string }> {
  const packaged = process.env.COFFER_E2E_EXECUTABLE;
  if (packaged) return { executablePath: packaged, args: [] };
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  let relative: string;
  try {
    relative = await readFile(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    return { missing: 'node_modules/electron was installed without its binary' };
  }
  const executablePath = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'), relative);
  try {
    await access(executablePath);
  } catch {
    return { missing: `${executablePath} does not exist` };
  }
  return { executablePath, args: [root] };
}

const target = await findElectron();
const missing = 'missing' in target ? target.missing : undefined;
if (missing) console.warn(`skipped: no Electron binary (${missing}); test/e2e-electron needs one, e.g. in the release workflow`);

let fixture: MediaFixture;
let app: ElectronApplication | undefined;

beforeAll(async () => {
  if (missing || 'missing' in target) return;
  if (!process.env.COFFER_E2E_EXECUTABLE) {
    await access(join(root, 'out/main/index.js')).catch(() => {
      throw new Error('out/main/index.js is missing: run `npm run build` before the E2E tests');
    });
  }
  fixture = await mediaFixture('mp4-faststart');
}, 300_000);

afterEach(async () => {
  await app?.close();
  app = undefined;
  await removeTempDirs();
});

/** Starts Coffer with its own fresh userData and returns its window. */
async function launch(): Promise<{ page: Page; userData: string }> {
  if ('missing' in target) throw new Error('unreachable: tests are skipped without Electron');
  const userData = await makeTempDir('coffer-e2e-profile');
  app = await electron.launch({ executablePath: target.executablePath, args: [...target.args, `--user-data-dir=${userData}`] });
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
async function importFixture(page: Page): Promise<void> {
  await app!.evaluate(({ dialog }, filePath) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [filePath] })) as typeof dialog.showOpenDialog;
  }, fixture.path);
  await page.getByRole('button', { name: 'Add files…' }).click();
  await page.getByRole('cell', { name: fixture.path.split('/').at(-1)! }).waitFor({ timeout: 120_000 });
}

describe.skipIf(missing !== undefined)('Coffer desktop app', () => {
  it('starts locked, offering a new vault folder inside userData', async () => {
    const { page, userData } = await launch();
    await expect(page.getByLabel('Vault folder').textContent()).resolves.toBe(join(userData, 'vault'));
  });

  it('creates a vault, imports a video, plays it, seeks, and locks', async () => {
    const { page } = await launch();
    await createVault(page);
    await importFixture(page);

    await page.getByRole('button', { name: 'Play' }).click();
    const video = page.locator('video');
    await expect(video.getAttribute('src')).resolves.toMatch(/^vault:\/\/media\/[A-Za-z0-9_-]{43}$/);
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, null, { timeout: 30_000 });
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(fixture.durationSeconds, 0);

    await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<void>((resolve) => {
          v.addEventListener('seeked', () => resolve(), { once: true });
          v.currentTime = 40;
        }),
    );
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, null, { timeout: 30_000 });
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(40);

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByText('Vault locked.').waitFor();
    await expect(page.evaluate(() => window.coffer.listItems())).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('cell', { name: fixture.path.split('/').at(-1)! }).waitFor();
  });

  it('exports an item byte for byte to the path the save dialog returns', async () => {
    const { page, userData } = await launch();
    await createVault(page);
    await importFixture(page);
    const out = join(userData, 'exported.mp4');
    // Native dialogs cannot be driven; replace this one inside the main process.
    await app!.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, out);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByText(`Exported to ${out}`).waitFor({ timeout: 120_000 });
    expect((await readFile(out)).equals(await readFile(fixture.path))).toBe(true);
  });

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
});
