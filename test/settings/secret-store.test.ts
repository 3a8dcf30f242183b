import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSecretStore, type SafeStorageLike } from '../../main/settings/secret-store.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterEach(removeTempDirs);

/**
 * A stand-in for Electron's safeStorage: "encrypts" by XOR with a key (enough to show that what
 * lands on disk is not the plaintext), reports a chosen Linux backend and availability.
 */
function fakeSafeStorage(options: { backend?: string; available?: boolean; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const xor = (buf: Buffer) => Buffer.from(buf.map((b) => b ^ key));
  const fake = {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.concat([Buffer.from('v1'), xor(Buffer.from(plain))])),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      if (sealed.subarray(0, 2).toString() !== 'v1') throw new Error('Error while decrypting the ciphertext provided');
      return { result: xor(sealed.subarray(2)).toString(), shouldReEncrypt: false };
    }),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
  } satisfies SafeStorageLike;
  return fake;
}

async function setup(safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') {
  const dir = await makeTempDir('coffer-secrets');
  const file = join(dir, 'secrets.json');
  const log = vi.fn();
  const open = () => createSecretStore({ file, safeStorage, platform, log, now: () => new Date('2026-05-01T10:00:00Z') });
  return { dir, file, log, open };
}

describe('secret store over safeStorage', () => {
  it('keeps a secret encrypted on disk and returns it on the next start', async () => {
    const { file, open } = await setup(fakeSafeStorage());
    await expect(open().set('passphrase:folder:/v', 'correct horse battery')).resolves.toBe('available');
    expect(await readFile(file, 'utf8')).not.toContain('correct horse');
    const again = open();
    await expect(again.get('passphrase:folder:/v')).resolves.toBe('correct horse battery');
    await expect(again.has('passphrase:folder:/v')).resolves.toBe(true);
  });

  it('forgets a deleted secret', async () => {
    const { open } = await setup(fakeSafeStorage());
    const store = open();
    await store.set('a', 'secret');
    await store.delete('a');
    await expect(open().get('a')).resolves.toBeUndefined();
    await expect(open().has('a')).resolves.toBe(false);
  });

  it('on Linux with the basic_text backend, stores nothing and says why', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const { file, open } = await setup(safeStorage);
    const store = open();
    await expect(store.state()).resolves.toBe('basic-text');
    await expect(store.set('s3-secret:x', 'AKIA-secret')).resolves.toBe('basic-text');
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('on Linux with basic_text, does not hand out a secret stored while a keyring was there', async () => {
    const { file } = await setup(fakeSafeStorage());
    await createSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux', log: vi.fn() }).set('a', 'secret');
    const now = createSecretStore({ file, safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux', log: vi.fn() });
    await expect(now.get('a')).resolves.toBeUndefined();
    await expect(now.has('a')).resolves.toBe(false);
  });

  it('asks for the Linux backend only on Linux', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const { open } = await setup(safeStorage, 'darwin');
    await expect(open().state()).resolves.toBe('available');
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('stores nothing when the OS offers no encryption', async () => {
    const { open } = await setup(fakeSafeStorage({ available: false }), 'win32');
    await expect(open().set('a', 'secret')).resolves.toBe('unavailable');
    await expect(open().get('a')).resolves.toBeUndefined();
  });

  it('forgets a secret the OS can no longer decrypt (a reset keyring) instead of failing', async () => {
    const { file, log } = await setup(fakeSafeStorage());
    await writeFile(file, JSON.stringify({ version: 1, secrets: { a: Buffer.from('garbage').toString('base64') } }));
    const store = createSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux', log });
    await expect(store.get('a')).resolves.toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, secrets: {} });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not decrypt'));
  });

  it('re-encrypts a secret when safeStorage says its key rotated', async () => {
    const safeStorage = fakeSafeStorage();
    const { open } = await setup(safeStorage);
    await open().set('a', 'secret');
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'secret', shouldReEncrypt: true });
    await expect(open().get('a')).resolves.toBe('secret');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('moves a corrupt secrets file aside and starts empty', async () => {
    const { dir, file, log, open } = await setup(fakeSafeStorage());
    await writeFile(file, 'not json');
    await expect(open().get('a')).resolves.toBeUndefined();
    expect(await readFile(join(dir, 'secrets.json.corrupt-2026-05-01T10-00-00-000Z'), 'utf8')).toBe('not json');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('corrupt'));
  });

  it('treats names as plain keys, not object properties', async () => {
    const { open } = await setup(fakeSafeStorage());
    await expect(open().get('constructor')).resolves.toBeUndefined();
    await expect(open().has('toString')).resolves.toBe(false);
  });
});
