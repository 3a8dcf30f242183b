import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { SecretStorageState } from '../../contract/ipc.js';
import { backUpCorrupt, readJsonFile, writeJsonFile } from './json-file.js';

/**
 * The part of Electron's `safeStorage` the secret store uses: its asynchronous API only. Electron's
 * object satisfies it as is, so the Electron layer passes `safeStorage` itself and tests pass a fake.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** Small secrets (S3 secret keys, remembered passphrases) kept encrypted by the OS keyring. */
export interface SecretStore {
  /** Whether secrets can be kept on this device, and if not, why. */
  state(): Promise<SecretStorageState>;
  /** True when a secret of that name is stored and storage is usable now (without decrypting it). */
  has(name: string): Promise<boolean>;
  /**
   * Undefined when absent, when storage is unavailable, or when the OS cannot decrypt it now. Only
   * a definite decryption failure forgets the secret; a keyring that is not ready keeps it.
   */
  get(name: string): Promise<string | undefined>;
  /** Stores the secret and returns 'available', or stores nothing and returns why not. Never rejects. */
  set(name: string, value: string): Promise<SecretStorageState>;
  delete(name: string): Promise<void>;
  /** Forgets every secret stored here. */
  clear(): Promise<void>;
}

export interface SecretStoreOptions {
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log: (message: string) => void;
  now?: () => Date;
  /** Wait before the first retry of a decryption the OS says is temporarily unavailable; doubles after. */
  retryDelayMs?: number;
}

const secretsFile = z.strictObject({
  version: z.literal(1),
  /** Name → base64 of safeStorage's ciphertext. */
  secrets: z.record(z.string(), z.string()),
});

/** Tries of a decryption Electron calls temporarily unavailable before this call gives up. */
const DECRYPT_TRIES = 3;

/**
 * [Note: which key sealed a secret]
 * On Linux, Electron's async safeStorage (Chromium's os_crypt_async) asks its key providers in
 * order: the secret portal (`v12`), the Secret Service or KWallet (`v11`), and last a fallback
 * with Chromium's hard-coded key (`v10`), used whenever no keyring answered — whatever the
 * synchronous `getSelectedStorageBackend()` reports. The ciphertext's prefix is the only record of
 * which one sealed it, so Coffer reads that. On macOS and Windows every prefix is keyed by the OS
 * (Keychain, DPAPI).
 */
const sealedWithFixedKey = (platform: NodeJS.Platform, sealed: Buffer) =>
  platform === 'linux' && sealed.subarray(0, 3).toString('latin1') === 'v10';

/**
 * Electron rejects with this message only when the ciphertext cannot be decrypted by any key it
 * has; a keyring not unlocked yet gives "temporarily unavailable. Please try again" instead.
 */
const isDefiniteDecryptFailure = (error: unknown) =>
  error instanceof Error && error.message.startsWith('Error while decrypting the ciphertext');

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A secret store over safeStorage, in its own JSON file. Where Electron would seal secrets with its
 * hard-coded key (Linux without a keyring that answers), it stores nothing: the state says so and
 * the UI tells the user why they must type the secret each time.
 */
export function createSecretStore({
  file,
  safeStorage,
  platform,
  log,
  now = () => new Date(),
  retryDelayMs = 250,
}: SecretStoreOptions): SecretStore {
  let loaded: Promise<Record<string, string>> | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  // Electron picks its encryption key once per process, so one probe answers for the whole run.
  let probed: SecretStorageState | undefined;

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

  /** Seals `value`, or says why it must not be stored. */
  const seal = async (value: string): Promise<Buffer | Exclude<SecretStorageState, 'available'>> => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
    const sealed = await safeStorage.encryptStringAsync(value);
    return sealedWithFixedKey(platform, sealed) ? 'basic-text' : sealed;
  };

  const state = async (): Promise<SecretStorageState> => {
    if (probed) return probed;
    try {
      const sealed = await seal('coffer: which key seals secrets');
      return (probed = Buffer.isBuffer(sealed) ? 'available' : sealed);
    } catch (error) {
      log(`safeStorage could not encrypt: ${messageOf(error)}`);
      return 'unavailable';
    }
  };

  const store: SecretStore = {
    state,
    async has(name) {
      return Object.hasOwn(await load(), name) && (await state()) === 'available';
    },
    async get(name) {
      const secrets = await load();
      const stored = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
      if (stored === undefined || (await state()) !== 'available') return undefined;
      const sealed = Buffer.from(stored, 'base64');
      for (let tried = 1; ; tried++) {
        try {
          const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
          if (shouldReEncrypt) await store.set(name, result);
          return result;
        } catch (error) {
          if (isDefiniteDecryptFailure(error)) {
            // The keyring was reset or replaced: this secret is gone for good, so stop offering it.
            log(`could not decrypt stored secret ${name}: ${messageOf(error)}; forgetting it`);
            await store.delete(name);
            return undefined;
          }
          if (tried === DECRYPT_TRIES) {
            log(`could not decrypt stored secret ${name} now (${messageOf(error)}); keeping it for next time`);
            return undefined;
          }
          await sleep(retryDelayMs * 2 ** (tried - 1));
        }
      }
    },
    async set(name, value) {
      // Called once the vault is open: a failure here must leave a "not stored" answer, not an error.
      let sealed: Awaited<ReturnType<typeof seal>>;
      try {
        sealed = await seal(value);
      } catch (error) {
        log(`could not encrypt secret ${name}: ${messageOf(error)}; not storing it`);
        return 'unavailable';
      }
      if (!Buffer.isBuffer(sealed)) return sealed;
      const secrets = await load();
      const before = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
      secrets[name] = sealed.toString('base64');
      try {
        await save(secrets);
      } catch (error) {
        if (before === undefined) delete secrets[name];
        else secrets[name] = before;
        log(`could not save secret ${name}: ${messageOf(error)}; not storing it`);
        return 'unavailable';
      }
      return 'available';
    },
    async delete(name) {
      const secrets = await load();
      if (!Object.hasOwn(secrets, name)) return;
      delete secrets[name];
      await save(secrets);
    },
    async clear() {
      const secrets = await load();
      const names = Object.keys(secrets);
      if (names.length === 0) return;
      for (const name of names) delete secrets[name];
      await save(secrets);
    },
  };
  return store;
}
