/**
 * The external player: items of the open vault on a loopback URL, over real HTTP, the way
 * `coffer serve` serves them, until the vault locks.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExternalPlayerUrl } from '../../main/shell/web-policy.js';
import { startIpcApp, type IpcApp } from '../helpers/ipc-app.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

async function addItem(app: IpcApp, name: string, bytes: Buffer): Promise<string> {
  const file = join(await makeTempDir('coffer-source'), name);
  await writeFile(file, bytes);
  return (await app.session.vault().importFile(file)).id;
}

/** A GET with a Host header of our choosing, which fetch does not allow. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('external player', () => {
  const film = randomBytes(700_000);

  it('opens a loopback URL that serves the item in ranges over real HTTP', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const id = await addItem(app, 'film.mp4', film);
    const { url } = await app.ok('externalPlayer', { id, action: 'open' });
    // Exactly the URLs the Electron layer agrees to hand to the system.
    expect(isExternalPlayerUrl(url)).toBe(true);
    expect(url).not.toContain(id);
    expect(app.openExternal).toHaveBeenCalledExactlyOnceWith(url);
    expect(app.copyText).not.toHaveBeenCalled();

    const response = await fetch(url, { headers: { Range: 'bytes=1000-65999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-65999/${film.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(film.subarray(1000, 66_000))).toBe(true);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(film)).toBe(true);
  });

  it('copies the URL instead when asked, serving every item from one server', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const first = await app.ok('externalPlayer', { id: await addItem(app, 'a.mp4', film), action: 'copy' });
    const second = await app.ok('externalPlayer', { id: await addItem(app, 'b.mp4', film), action: 'copy' });
    expect(app.copyText.mock.calls).toEqual([[first.url], [second.url]]);
    expect(app.openExternal).not.toHaveBeenCalled();
    expect(new URL(second.url).origin).toBe(new URL(first.url).origin);
    expect(second.url).not.toBe(first.url);
  });

  it('refuses a request whose Host is not this loopback server (DNS rebinding) with 421', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const { url } = await app.ok('externalPlayer', { id: await addItem(app, 'film.mp4', film), action: 'copy' });
    const { port } = new URL(url);
    await expect(getWithHost(url, `attacker.example:${port}`)).resolves.toBe(421);
    await expect(getWithHost(url, `127.0.0.1:${port}`)).resolves.toBe(200);
  });

  it('answers 404 for a URL without the run secret', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const { url } = await app.ok('externalPlayer', { id: await addItem(app, 'film.mp4', film), action: 'copy' });
    const token = url.split('/').at(-1);
    expect((await fetch(`${new URL(url).origin}/media/${token}`)).status).toBe(404);
  });

  it('stops serving when the vault locks: the server is closed, and the next unlock starts another', async () => {
    const app = await startIpcApp();
    const location = await app.createFolderVault();
    const id = await addItem(app, 'film.mp4', film);
    const { url } = await app.ok('externalPlayer', { id, action: 'copy' });
    await app.ok('lock');
    await expect(fetch(url)).rejects.toThrow();

    await app.ok('unlock', { location, passphrase: 'correct horse battery staple', remember: false });
    const again = await app.ok('externalPlayer', { id, action: 'copy' });
    expect(again.url).not.toBe(url);
    expect((await fetch(again.url)).status).toBe(200);
  });

  it('answers NOT_FOUND for an unknown item and LOCKED while locked, opening nothing', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    await expect(app.request('externalPlayer', { id: 'no-such-item', action: 'open' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.ok('lock');
    await expect(app.request('externalPlayer', { id: 'no-such-item', action: 'open' })).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(app.openExternal).not.toHaveBeenCalled();
  });
});
