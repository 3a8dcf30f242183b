import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../../main/settings/secret-store.js';

/**
 * What the desktop offers to keep secrets: a keyring that answers, only Chromium's hard-coded key
 * (Linux without a keyring), or nothing at all.
 */
export type KeyringKind = 'available' | 'basic-text' | 'unavailable';

// One key per test process, like a login keyring: a host restarted on the same userData can read
// what the previous one stored.
const KEY = randomBytes(32);

/**
 * The OS keyring behind Electron's safeStorage, for a host without Electron: AES-256-GCM under a
 * process-wide key, behind the version prefix Chromium writes on Linux (`v11` for a keyring's key,
 * `v10` for its hard-coded fallback), rejecting what it cannot open with Electron's message. The
 * real SecretStore sits on top, so what it decides from the prefix is what the app decides.
 */
export function testKeyring(kind: KeyringKind = 'available'): SafeStorageLike {
  const prefix = Buffer.from(kind === 'basic-text' ? 'v10' : 'v11');
  return {
    isAsyncEncryptionAvailable: async () => kind !== 'unavailable',
    async encryptStringAsync(plainText) {
      if (kind === 'unavailable') throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', KEY, iv);
      const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([prefix, iv, cipher.getAuthTag(), sealed]);
    },
    async decryptStringAsync(encrypted) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', KEY, encrypted.subarray(3, 15));
        decipher.setAuthTag(encrypted.subarray(15, 31));
        const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
        return { result, shouldReEncrypt: false };
      } catch {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
      }
    },
  };
}
