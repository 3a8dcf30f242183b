import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSecretStore, type SafeStorageLike } from '../../main/settings/secret-store.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterEach(removeTempDirs);

/**
 * A stand-in for Electron's safeStorage: "encrypts" by XOR with a key (enough to show that what
 * lands on disk is not the plaintext) behind the version prefix Chromium writes: `v11` for a
 * keyring's key, `v10` for its hard-coded fallback key on Linux. Rejects with Electron's messages.
 */
function fakeSafeStorage(options: { fixedKey?: boolean; available?: boolean; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const prefix = options.fixedKey ? 'v10' : 'v11';
  const xor = (buf: Buffer) => Buffer.from(buf.map((b) => b ^ key));
  const fake = {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.concat([Buffer.from(prefix), xor(Buffer.from(plain))])),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      if (!/^v1[01]$/.test(sealed.subarray(0, 3).toString())) throw new Error(DEFINITE_FAILURE);
      return { result: xor(sealed.subarray(3)).toString(), shouldReEncrypt: false };
    }),
  } satisfies SafeStorageLike;
  return fake;
}

const DEFINITE_FAILURE = 'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.';
const TEMPORARILY_UNAVAILABLE = 'safeStorage.decryptStringAsync is temporarily unavailable. Please try again.';

async function setup(safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') {
  const dir = await makeTempDir('coffer-secrets');
  const file = join(dir, 'secrets.json');
  const log = vi.fn();
  const open = () => createSecretStore({ file, safeStorage, platform, log, now: () => new Date('2026-05-01T10:00:00Z'), retryDelayMs: 1 });
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

  it('forgets every secret on clear, on disk too', async () => {
    const { file, open } = await setup(fakeSafeStorage());
    const store = open();
    await store.set('passphrase:folder:/v', 'correct horse battery');
    await store.set('s3-secret:s3:["","","media","",""]', 'wJalrXUtnFEMI');
    await store.clear();
    await expect(store.has('passphrase:folder:/v')).resolves.toBe(false);
    await expect(open().get('s3-secret:s3:["","","media","",""]')).resolves.toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, secrets: {} });
  });

  it('on Linux, when Electron seals with its hard-coded fallback key (no keyring answered), stores nothing and says why', async () => {
    const safeStorage = fakeSafeStorage({ fixedKey: true });
    const { file, open } = await setup(safeStorage);
    const store = open();
    await expect(store.state()).resolves.toBe('basic-text');
    await expect(store.set('s3-secret:x', 'AKIA-secret')).resolves.toBe('basic-text');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('on Linux, goes by the key that actually sealed the secret, not by which keyring the desktop suggests', async () => {
    // The async API falls back to the fixed key even where the sync backend says gnome_libsecret;
    // nothing but the ciphertext tells, so the store never asks the sync API.
    const safeStorage = { ...fakeSafeStorage({ fixedKey: true }), getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret') };
    const { open } = await setup(safeStorage);
    await expect(open().set('a', 'secret')).resolves.toBe('basic-text');
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('on Linux, does not hand out a secret stored while a keyring was there once only the fixed key is left', async () => {
    const { file } = await setup(fakeSafeStorage());
    await createSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux', log: vi.fn() }).set('a', 'secret');
    const now = createSecretStore({ file, safeStorage: fakeSafeStorage({ fixedKey: true }), platform: 'linux', log: vi.fn() });
    await expect(now.get('a')).resolves.toBeUndefined();
    await expect(now.has('a')).resolves.toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8')).secrets).toHaveProperty('a');
  });

  it('on macOS and Windows, trusts every prefix: the OS keys them all (Keychain, DPAPI)', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { open } = await setup(fakeSafeStorage({ fixedKey: true }), platform);
      await expect(open().state()).resolves.toBe('available');
      await expect(open().set('a', 'secret')).resolves.toBe('available');
    }
  });

  it('stores nothing when the OS offers no encryption', async () => {
    const { open } = await setup(fakeSafeStorage({ available: false }), 'win32');
    await expect(open().set('a', 'secret')).resolves.toBe('unavailable');
    await expect(open().get('a')).resolves.toBeUndefined();
  });

  it('forgets a secret the OS definitely cannot decrypt (a reset keyring) instead of failing', async () => {
    const { file, log } = await setup(fakeSafeStorage());
    await writeFile(file, JSON.stringify({ version: 1, secrets: { a: Buffer.from('garbage').toString('base64') } }));
    const store = createSecretStore({ file, safeStorage: fakeSafeStorage(), platform: 'linux', log });
    await expect(store.get('a')).resolves.toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, secrets: {} });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('forgetting it'));
  });

  it('retries a decryption the OS calls temporarily unavailable (keyring not unlocked yet) and returns the secret', async () => {
    const safeStorage = fakeSafeStorage();
    const { open } = await setup(safeStorage);
    await open().set('a', 'secret');
    safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error(TEMPORARILY_UNAVAILABLE));
    await expect(open().get('a')).resolves.toBe('secret');
    expect(safeStorage.decryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('keeps a secret the OS still cannot decrypt after retrying, so a later start can use it', async () => {
    const safeStorage = fakeSafeStorage();
    const { file, log, open } = await setup(safeStorage);
    await open().set('a', 'secret');
    safeStorage.decryptStringAsync.mockRejectedValue(new Error(TEMPORARILY_UNAVAILABLE));
    const store = open();
    await expect(store.get('a')).resolves.toBeUndefined();
    expect(safeStorage.decryptStringAsync).toHaveBeenCalledTimes(3);
    await expect(store.has('a')).resolves.toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('keeping it for next time'));

    safeStorage.decryptStringAsync.mockReset().mockResolvedValue({ result: 'secret', shouldReEncrypt: false });
    await expect(createSecretStore({ file, safeStorage, platform: 'linux', log }).get('a')).resolves.toBe('secret');
  });

  it('keeps a secret when decryption fails in any other way than a definite one (app not ready)', async () => {
    const safeStorage = fakeSafeStorage();
    const { file, open } = await setup(safeStorage);
    await open().set('a', 'secret');
    safeStorage.decryptStringAsync.mockRejectedValue(new Error('safeStorage cannot be used before app is ready'));
    await expect(open().get('a')).resolves.toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8')).secrets).toHaveProperty('a');
  });

  it('answers "not stored" instead of rejecting when the OS refuses to encrypt, and keeps nothing', async () => {
    const safeStorage = fakeSafeStorage();
    const { file, log, open } = await setup(safeStorage, 'win32');
    safeStorage.encryptStringAsync.mockRejectedValue(new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.'));
    const store = open();
    await expect(store.set('a', 'secret')).resolves.toBe('unavailable');
    await expect(store.has('a')).resolves.toBe(false);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not storing it'));
  });

  it('answers "not stored" instead of rejecting when the secrets file cannot be written, and forgets the value', async () => {
    const { file, open } = await setup(fakeSafeStorage());
    const store = open();
    await store.set('kept', 'old');
    // A folder where the file should be makes the write's final rename fail, even for root.
    await rm(file);
    await mkdir(join(file, 'in-the-way'), { recursive: true });
    await expect(store.set('a', 'secret')).resolves.toBe('unavailable');
    await expect(store.set('kept', 'new')).resolves.toBe('unavailable');
    await expect(store.has('a')).resolves.toBe(false);
    await expect(store.get('kept')).resolves.toBe('old');
  });

  it('re-encrypts a secret when safeStorage says its key rotated', async () => {
    const safeStorage = fakeSafeStorage();
    const { open } = await setup(safeStorage);
    await open().set('a', 'secret');
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'secret', shouldReEncrypt: true });
    await expect(open().get('a')).resolves.toBe('secret');
    expect(safeStorage.encryptStringAsync.mock.calls.filter(([plain]) => plain === 'secret')).toHaveLength(2);
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
