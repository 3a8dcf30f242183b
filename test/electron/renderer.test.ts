/**
 * The React renderer in a real browser, without Electron: the production build is served through
 * the app:// handler's code (so Chromium enforces the real CSP header), and `window.coffer` is a
 * scripted stand-in for the preload that records every request. What main does with those requests
 * is tested in test/ipc.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppHandler } from '../../main/shell/app-protocol.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const outDir = join(await makeTempDir('coffer-renderer'), 'renderer');
  await build({
    root: 'renderer',
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const handle = createAppHandler({ root: outDir });
  server = createServer((req, res) => {
    void handle(new Request(`app://coffer${req.url ?? '/'}`, { method: req.method })).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await removeTempDirs();
});

/**
 * Installed before the page's scripts: a stand-in for the preload's API. Answers are scripted per
 * test through `window.__answers`; every request lands in `window.__calls`; `window.__emit` plays
 * main's events.
 */
function installFakeApi() {
  type Listener = (payload: unknown) => void;
  const listeners: Record<string, Set<Listener>> = {};
  const calls: { name: string; input: unknown }[] = [];
  const answers: Record<string, unknown> = {
    status: {
      ok: true,
      value: { state: 'locked', location: { kind: 'folder', path: '/home/me/.config/Coffer/vault' }, rememberedUnlock: false, defaultFolder: '/home/me/.config/Coffer/vault' },
    },
    listItems: { ok: true, value: [] },
    getSettings: { ok: true, value: { autoLockMinutes: 10, secretStorage: 'available' } },
  };
  const unlocked = {
    ok: true,
    value: {
      status: { state: 'unlocked', location: { kind: 'folder', path: '/home/me/.config/Coffer/vault' }, rememberedUnlock: false, defaultFolder: '/home/me/.config/Coffer/vault' },
      secretsNotStored: null,
    },
  };
  answers.createVault = unlocked;
  answers.unlock = unlocked;
  const api: Record<string, unknown> = {};
  for (const name of ['createVault', 'chooseVaultFolder', 'unlock', 'unlockRemembered', 'forgetRemembered', 'lock', 'status', 'listItems', 'importDropped', 'addFiles', 'cancelImport', 'renameItem', 'deleteItem', 'exportItem', 'getSettings', 'setSettings', 'testConnection', 'mediaUrl']) {
    api[name] = async (input?: unknown) => {
      calls.push({ name, input });
      return answers[name] ?? { ok: true, value: null };
    };
  }
  for (const name of ['importProgress', 'catalogChanged', 'locked']) {
    api[`on${name[0]!.toUpperCase()}${name.slice(1)}`] = (listener: Listener) => {
      (listeners[name] ??= new Set()).add(listener);
      return () => listeners[name]!.delete(listener);
    };
  }
  Object.assign(window, {
    coffer: api,
    __calls: calls,
    __answers: answers,
    __emit: (name: string, payload: unknown) => listeners[name]?.forEach((l) => l(payload)),
  });
}

type TestWindow = Window & { __calls: { name: string; input: unknown }[]; __answers: Record<string, unknown>; __emit: (name: string, payload: unknown) => void };

let page: Page;
let problems: string[];

beforeEach(async () => {
  page = await browser.newPage();
  problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(installFakeApi);
});

const callsTo = (name: string) => page.evaluate((n) => (window as unknown as TestWindow).__calls.filter((c) => c.name === n).map((c) => c.input), name);
const answer = (name: string, value: unknown) => page.evaluate(([n, v]) => ((window as unknown as TestWindow).__answers[n as string] = v), [name, value] as const);
const emit = (name: string, payload: unknown) => page.evaluate(([n, p]) => (window as unknown as TestWindow).__emit(n as string, p), [name, payload] as const);

async function open(): Promise<void> {
  await page.goto(`${origin}/index.html`);
  await page.getByRole('heading', { name: 'Coffer' }).waitFor();
}

async function createVault(): Promise<void> {
  await page.getByLabel('Passphrase').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create new vault' }).click();
  await page.getByRole('button', { name: 'Lock' }).waitFor();
}

describe('renderer', () => {
  it('runs under the real CSP without violations', async () => {
    await open();
    await createVault();
    expect(problems).toEqual([]);
  });

  it('offers the last location and creates a vault there with the typed passphrase', async () => {
    await open();
    await expect(page.getByLabel('Vault folder').textContent()).resolves.toBe('/home/me/.config/Coffer/vault');
    await createVault();
    await expect(callsTo('createVault')).resolves.toEqual([
      { location: { kind: 'folder', path: '/home/me/.config/Coffer/vault' }, passphrase: 'correct horse battery', remember: false },
    ]);
  });

  it('takes another folder only from the native dialog, never from typing', async () => {
    await open();
    await expect(page.locator('input[name="folder-path"]').count()).resolves.toBe(0);
    await answer('chooseVaultFolder', { ok: true, value: { path: '/media/usb/Vault' } });
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect(page.getByLabel('Vault folder').textContent()).resolves.toBe('/media/usb/Vault');
    await createVault();
    await expect(callsTo('createVault')).resolves.toMatchObject([{ location: { kind: 'folder', path: '/media/usb/Vault' } }]);
  });

  it('adds files through the native dialog', async () => {
    await open();
    await createVault();
    await page.getByRole('button', { name: 'Add files…' }).click();
    await expect(callsTo('addFiles')).resolves.toEqual([undefined]);
  });

  it('shows what an error code means', async () => {
    await open();
    await answer('unlock', { ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'wrong passphrase' } });
    await page.getByLabel('Passphrase').fill('nope');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('That passphrase does not open this vault.').waitFor();
  });

  it('sends S3 settings without blank optional fields, and tests the connection', async () => {
    await open();
    await page.getByLabel('S3-compatible storage').check();
    await page.getByLabel('Bucket').fill('media');
    await page.getByLabel('Endpoint URL (blank for AWS)').fill('http://127.0.0.1:9000');
    await page.getByLabel('Access key ID').fill('AKIA1');
    await page.getByLabel('Secret access key').fill('shh');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works.').waitFor();
    await page.getByLabel('My AWS profile or environment').check();
    await expect(page.getByLabel('Access key ID').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(callsTo('testConnection')).resolves.toEqual([
      { location: { kind: 's3', credentialSource: 'keys', bucket: 'media', prefix: '', endpoint: 'http://127.0.0.1:9000', accessKeyId: 'AKIA1', secretAccessKey: 'shh' } },
      { location: { kind: 's3', credentialSource: 'environment', bucket: 'media', prefix: '', endpoint: 'http://127.0.0.1:9000' } },
    ]);
  });

  it('shows each import with bytes, rate and time left, and cancels it', async () => {
    await open();
    await createVault();
    const jobId = '0b3e1d9c-5f1a-4c4e-9d43-2f8b5c1a7e11';
    await emit('importProgress', { jobId, name: 'holiday.mp4', state: 'running', bytesRead: 1024 * 1024, total: 4 * 1024 * 1024, rate: 512 * 1024, etaSeconds: 6, item: null, error: null });
    await page.getByText('1.0 MB of 4.0 MB · 512.0 KB/s · 6 s left').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(callsTo('cancelImport')).resolves.toEqual([{ jobId }]);
    await emit('importProgress', { jobId, name: 'holiday.mp4', state: 'failed', bytesRead: 0, total: 0, rate: 0, etaSeconds: null, item: null, error: { code: 'DISK_FULL', message: 'x' } });
    await page.getByText('The disk is full.').waitFor();
  });

  it('plays an item from its vault:// URL', async () => {
    await open();
    const item = { id: 'abc', name: 'holiday.mp4', size: 10, type: 'video/mp4', added: '2026-01-01T00:00:00Z', compressed: false };
    await answer('listItems', { ok: true, value: [item] });
    await answer('mediaUrl', { ok: true, value: { url: 'vault://media/token' } });
    await createVault();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.locator('video').getAttribute('src')).resolves.toBe('vault://media/token');
    await expect(callsTo('mediaUrl')).resolves.toEqual([{ id: 'abc' }]);
  });

  it('returns to the unlock screen, saying why, when main reports a lock', async () => {
    await open();
    await createVault();
    await emit('locked', { reason: 'idle' });
    await page.getByText('Vault locked after being idle.').waitFor();
    await page.getByLabel('Passphrase').waitFor();
  });

  it('explains when secrets could not be stored on this desktop', async () => {
    await open();
    await answer('createVault', {
      ok: true,
      value: { status: { state: 'unlocked', location: { kind: 'folder', path: '/v' }, rememberedUnlock: false, defaultFolder: '/v' }, secretsNotStored: 'basic-text' },
    });
    await page.getByLabel('Remember on this device').check();
    await createVault();
    await page.getByText(/no system keyring answered/).waitFor();
  });
});
