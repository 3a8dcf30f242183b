import { z } from 'zod';
import type { SecretStorageState } from '../../contract/ipc.js';
import { backUpCorrupt, readJsonFile, writeJsonFile } from './json-file.js';

/**
 * The part of Electron's `safeStorage` the secret store uses. Electron's object satisfies it as is,
 * so the Electron layer passes `safeStorage` itself and tests pass a fake.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

/** Small secrets (S3 secret keys, remembered passphrases) kept encrypted by the OS keyring. */
export interface SecretStore {
  /** Whether secrets can be kept on this device, and if not, why. */
  state(): Promise<SecretStorageState>;
  /** True when a secret of that name is stored and could be decrypted now (without decrypting it). */
  has(name: string): Promise<boolean>;
  /** Undefined when absent, when storage is unavailable, or when the OS can no longer decrypt it. */
  get(name: string): Promise<string | undefined>;
  /** Stores the secret and returns 'available', or stores nothing and returns why not. */
  set(name: string, value: string): Promise<SecretStorageState>;
  delete(name: string): Promise<void>;
}

export interface SecretStoreOptions {
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log: (message: string) => void;
  now?: () => Date;
}

const secretsFile = z.strictObject({
  version: z.literal(1),
  /** Name → base64 of safeStorage's ciphertext. */
  secrets: z.record(z.string(), z.string()),
});

/**
 * A secret store over safeStorage, in its own JSON file. On Linux, when Electron found no keyring
 * and fell back to `basic_text` (a hard-coded key, i.e. plaintext with extra steps), it stores
 * nothing: the state says so and the UI tells the user why they must type the secret each time.
 */
export function createSecretStore({ file, safeStorage, platform, log, now = () => new Date() }: SecretStoreOptions): SecretStore {
  let loaded: Promise<Record<string, string>> | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  const load = () =>
    (loaded ??= (async () => {
      const read = await readJsonFile(file, secretsFile);
      if (read.kind === 'ok') return { ...read.value.secrets };
      if (read.kind === 'corrupt') {
        const backup = await backUpCorrupt(file, now());
        log(`secret store was corrupt (${read.reason}); moved to ${backup}, starting empty`);
      }
      return {};
    })());

  const save = async (secrets: Record<string, string>) => {
    const write = writing.then(() => writeJsonFile(file, { version: 1, secrets }));
    writing = write.catch(() => undefined);
    await write;
  };

  const state = async (): Promise<SecretStorageState> => {
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'basic-text';
    return (await safeStorage.isAsyncEncryptionAvailable()) ? 'available' : 'unavailable';
  };

  const store: SecretStore = {
    state,
    async has(name) {
      return Object.hasOwn(await load(), name) && (await state()) === 'available';
    },
    async get(name) {
      const secrets = await load();
      const sealed = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
      if (sealed === undefined || (await state()) !== 'available') return undefined;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        if (shouldReEncrypt) await store.set(name, result);
        return result;
      } catch (error) {
        // The keyring changed or was reset: the secret is gone for good, so stop offering it.
        log(`could not decrypt stored secret ${name}: ${(error as Error).message}; forgetting it`);
        await store.delete(name);
        return undefined;
      }
    },
    async set(name, value) {
      const available = await state();
      if (available !== 'available') return available;
      const secrets = await load();
      secrets[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
      await save(secrets);
      return available;
    },
    async delete(name) {
      const secrets = await load();
      if (!Object.hasOwn(secrets, name)) return;
      delete secrets[name];
      await save(secrets);
    },
  };
  return store;
}
