/**
 * The E2E host itself, with real parts and without the renderer's markup: requests go through the
 * page's own `window.coffer`, as the renderer's will, into the real core.
 */
import { randomBytes } from 'node:crypto';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { subscriptionName, type CofferApi } from '../../contract/api.js';
import { callNames, eventNames } from '../../contract/channels.js';
import { storedLocation, vaultLocation } from '../../main/ipc/locations.js';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { launchChromium } from '../helpers/chromium.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { s3rverLocation, startAppHost, type AppHost } from './host/app-host.js';
import { saveScreen, SCREENS_DIR } from './host/screens.js';

const PASSPHRASE = 'correct horse battery staple';

/** The page's window, with what these tests keep on it. */
type TestWindow = Window & { coffer: CofferApi; seen: unknown[] };
type Progress = { state: string; item: { id: string } | null };

let browser: Browser;
let s3: S3rverServer;
let clip: string;
let clipBytes: Buffer;
let host: AppHost;

beforeAll(async () => {
  [browser, s3] = await Promise.all([launchChromium(), startS3rver()]);
  clip = join(await makeTempDir('coffer-e2e-fixture'), 'clip.mp4');
  // An MP4 signature, then noise: typed video/mp4 by its bytes, so the handler serves it inline.
  clipBytes = Buffer.concat([Buffer.from('00000018667479706d703432', 'hex'), randomBytes(300 * 1024)]);
  await writeFile(clip, clipBytes);
});
afterAll(async () => {
  await browser?.close();
  await s3?.close();
  await removeTempDirs();
});

beforeEach(async () => {
  host = await startAppHost({ browser, rendererDir: inject('rendererDir') });
  await host.open();
});
afterEach(async () => {
  await host.close();
});

/** `window.coffer[name](input)`, called in the page; answers its IpcResult. */
function call(name: string, input?: unknown): Promise<unknown> {
  return host.page.evaluate(
    ([n, i]) => ((window as unknown as TestWindow).coffer as unknown as Record<string, (input: unknown) => Promise<unknown>>)[n as string]!(i),
    [name, input] as const,
  );
}

/** Collects the payloads of one event in the page, from now on. */
async function collect(event: 'importProgress' | 'locked'): Promise<() => Promise<unknown[]>> {
  await host.page.evaluate((name) => {
    const page = window as unknown as TestWindow;
    page.seen = [];
    page.coffer[name === 'locked' ? 'onLocked' : 'onImportProgress']((payload: unknown) => page.seen.push(payload));
  }, event);
  return async () => {
    await host.bridge.delivered();
    return host.page.evaluate(() => (window as unknown as TestWindow).seen);
  };
}

/** Waits in the page for the collected importProgress events to include a `done`; answers them all. */
async function untilImported(seen: () => Promise<unknown[]>): Promise<Progress[]> {
  await host.page.waitForFunction(() => (window as unknown as TestWindow).seen.some((p) => (p as Progress).state === 'done'));
  return (await seen()) as Progress[];
}

/** Creates a vault, through the page, in a folder the user picked in the native dialog. */
async function createFolderVault(): Promise<string> {
  const folder = await host.newVaultFolder();
  host.dialogs.chooseFolder = async () => folder;
  await expect(call('chooseVaultFolder')).resolves.toEqual({ ok: true, value: { path: folder } });
  await expect(call('createVault', { location: { kind: 'folder', path: folder }, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
    ok: true,
    value: { status: { state: 'unlocked', location: { kind: 'folder', path: folder } }, secretsNotStored: null },
  });
  return folder;
}

/** Imports `clip` through the "Add files" dialog; answers its importProgress events as the page saw them. */
async function importClip(): Promise<Progress[]> {
  const seen = await collect('importProgress');
  host.dialogs.chooseFilesToImport = async () => [clip];
  await expect(call('addFiles')).resolves.toMatchObject({ ok: true, value: [{ path: clip, name: 'clip.mp4', folder: '' }] });
  return untilImported(seen);
}

describe('the E2E host', () => {
  it('serves the production renderer with the real CSP header, and gives the page the contract’s window.coffer and nothing else', async () => {
    const response = await host.page.reload();
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const api = await host.page.evaluate(() => Object.keys((window as unknown as TestWindow).coffer).sort());
    expect(api).toEqual([...callNames, ...eventNames.map(subscriptionName)].sort());
    await expect(host.page.evaluate(() => ['__cofferHostInvoke', '__cofferHostReport'].filter((name) => name in window))).resolves.toEqual([]);
    expect(host.problems).toEqual([]);
  });

  it('answers status() from the real handlers: locked, offering the default folder in this profile', async () => {
    const defaultFolder = join(host.userData, 'vault');
    await expect(call('status')).resolves.toEqual({
      ok: true,
      value: { state: 'locked', location: { kind: 'folder', path: defaultFolder }, rememberedUnlock: false, defaultFolder, locationHasVault: false, recent: [] },
    });
  });

  it('reports a CSP violation the page commits', async () => {
    const ran = await host.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 'inlineRan' in window;
    });
    expect(ran).toBe(false);
    expect(host.problems).toContainEqual(expect.stringMatching(/^csp: script-src-elem refused inline/));
  });

  it('creates a real vault on disk in the folder the scripted dialog picked, and refuses a folder nobody picked', async () => {
    const typed = await makeTempDir('coffer-e2e-typed');
    await expect(call('createVault', { location: { kind: 'folder', path: typed }, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    const folder = await createFolderVault();
    await access(join(folder, 'coffer-vault.json'));
    expect(host.dialogCalls).toEqual([{ name: 'chooseFolder', args: [] }]);
  });

  it('imports the file the scripted dialog picked, its importProgress reaching the page until done', async () => {
    await createFolderVault();
    const progress = await importClip();
    expect(progress[0]).toMatchObject({ state: 'queued', name: 'clip.mp4' });
    expect(progress.at(-1)).toMatchObject({ state: 'done', bytesRead: clipBytes.length, total: clipBytes.length, error: null });
    expect(progress.at(-1)!.item).toMatchObject({ name: 'clip.mp4', size: clipBytes.length, type: 'video/mp4' });
    expect(host.dialogCalls.map((c) => c.name)).toEqual(['chooseFolder', 'chooseFilesToImport']);
    await expect(call('listItems')).resolves.toEqual({ ok: true, value: [progress.at(-1)!.item] });
    expect(host.problems).toEqual([]);
  });

  it('imports what is dropped on the page, and refuses a File the page made itself', async () => {
    await createFolderVault();
    const seen = await collect('importProgress');
    await host.page.evaluate(() => {
      const zone = Object.assign(document.createElement('div'), { id: 'drop-zone' });
      zone.addEventListener('dragover', (event) => event.preventDefault());
      zone.addEventListener('drop', (event) => {
        event.preventDefault();
        event.stopPropagation();
        void (window as unknown as TestWindow).coffer.importDropped([...event.dataTransfer!.files]);
      });
      document.body.append(zone);
    });
    await host.bridge.dropFiles(host.page.locator('#drop-zone'), [clip]);
    expect((await untilImported(seen)).at(-1)).toMatchObject({ state: 'done', item: { name: 'clip.mp4', size: clipBytes.length } });
    const made = await host.page.evaluate(() => (window as unknown as TestWindow).coffer.importDropped([new File(['x'], 'x.txt')]));
    expect(made).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('serves an item’s vault://media URL on the page’s own origin through the real media handler: 206 and the exact bytes of a range', async () => {
    await createFolderVault();
    const { id } = (await importClip()).at(-1)!.item!;
    const token = /^vault:\/\/media\/([A-Za-z0-9_-]{43})$/.exec(await host.session.mediaUrl(id))![1];
    const served = new URL(`media/${token}`, host.entryUrl).href;
    await expect(call('mediaUrl', { id })).resolves.toEqual({ ok: true, value: { url: served, resumeAt: null } });
    const fetched = await host.page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { Range: 'bytes=1000-4999' } });
      return { status: response.status, range: response.headers.get('content-range'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, served);
    expect(fetched).toMatchObject({ status: 206, range: `bytes 1000-4999/${clipBytes.length}` });
    expect(Buffer.from(fetched.bytes).equals(clipBytes.subarray(1000, 5000))).toBe(true);
  });

  it('pushes locked into the page when the vault locks, at the page’s request or the OS’s', async () => {
    await createFolderVault();
    const seen = await collect('locked');
    await expect(call('lock')).resolves.toEqual({ ok: true, value: null });
    await expect(seen()).resolves.toEqual([{ reason: 'user' }]);
    await createFolderVault();
    host.session.lock('idle');
    await expect(seen()).resolves.toEqual([{ reason: 'user' }, { reason: 'idle' }]);
    expect(host.problems).toEqual([]);
  });

  it('creates a vault on s3rver once the user confirmed the storage in the native dialog', async () => {
    const location = s3rverLocation(s3, 'e2e-host');
    await expect(call('createVault', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ABORTED' },
    });
    host.dialogs.confirmStorage = async () => true;
    await expect(call('createVault', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: true,
      value: { status: { state: 'unlocked', location: { kind: 's3', bucket: s3.bucket, prefix: 'e2e-host' } } },
    });
    const store = storeForLocation(vaultLocation(storedLocation(location), s3.credentials.secretAccessKey));
    expect(await store.head('coffer-vault.json')).toBeDefined();
    expect(host.dialogCalls.map((c) => c.name)).toEqual(['confirmStorage', 'confirmStorage']);
    expect(host.dialogCalls[0]!.args).toEqual([
      { endpoint: s3.endpoint, region: undefined, bucket: s3.bucket, prefix: 'e2e-host', credentials: { source: 'keys', accessKeyId: s3.credentials.accessKeyId } },
    ]);
  });

  it('refuses, with the real sender policy, a request from a frame inside the page', async () => {
    const answer = await host.page.evaluate(async () => {
      const frame = Object.assign(document.createElement('iframe'), { srcdoc: '<p>inner</p>' });
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      return (frame.contentWindow as unknown as TestWindow).coffer.status();
    });
    expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'request refused: unknown sender' } });
  });

  it('refuses, with the real sender policy, requests from the window once it shows a page other than the app', async () => {
    await host.page.goto('data:text/html,<p>elsewhere</p>');
    await expect(call('status')).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'request refused: unknown sender' } });
  });

  it('saves full-page screens as test-results/screens/<screen>.<lang>.<theme>.png, the theme as the OS colour scheme', async () => {
    const dark = () => host.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    for (const theme of ['light', 'dark'] as const) {
      const path = await saveScreen(host.page, 'host-check', { lang: 'en', theme });
      expect(path).toBe(`${SCREENS_DIR}host-check.en.${theme}.png`);
      expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
      await expect(dark()).resolves.toBe(theme === 'dark');
      await rm(path);
    }
  });
});
