import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, expect, it, vi } from 'vitest';
import type * as kdfModule from '../../main/keys/scrypt-kdf.js';
import type * as configModule from '../../main/keys/vault-config.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import type { VaultSession } from '../../main/vault/vault-session.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';

// Every scrypt-derived wrapping key and every unwrapped copy of the master key, as handed out.
const handedOut = vi.hoisted(() => ({ wrappingKeys: [] as Buffer[], masterKeys: [] as Buffer[] }));
vi.mock('../../main/keys/scrypt-kdf.js', async (importOriginal) => {
  const original = await importOriginal<typeof kdfModule>();
  return {
    ...original,
    deriveWrappingKey: async (...args: Parameters<typeof original.deriveWrappingKey>) => {
      const key = await original.deriveWrappingKey(...args);
      handedOut.wrappingKeys.push(key);
      return key;
    },
  };
});
vi.mock('../../main/keys/vault-config.js', async (importOriginal) => {
  const original = await importOriginal<typeof configModule>();
  return {
    ...original,
    unlockVaultConfig: async (...args: Parameters<typeof original.unlockVaultConfig>) => {
      const unlocked = await original.unlockVaultConfig(...args);
      handedOut.masterKeys.push(unlocked.masterKey);
      return unlocked;
    },
  };
});

afterAll(removeTempDirs);

const PASS = 'a long and careful passphrase';
const isZero = (key: Buffer) => key.length > 0 && key.every((byte) => byte === 0);

/** The payload keys of every layout the session's reader has cached. */
async function cachedPayloadKeys(vault: VaultSession): Promise<Buffer[]> {
  return Promise.all([...vault['reader']['layouts'].values()].map(async (layout) => (await layout).payloadKey));
}

it('lock zeroes the master key, the cached per-object keys and every derived or copied key, and forgets the catalog', async () => {
  const work = await makeTempDir('coffer-zeroing');
  const location = { kind: 'folder' as const, path: join(work, 'vault') };
  const created = await createVault(location, PASS, { kdf: TEST_KDF });
  const files = await Promise.all(['a.bin', 'b.txt'].map(async (name, i) => {
    const path = join(work, name);
    await writeFile(path, i === 0 ? randomBytes(200_000) : Buffer.from('plain text '.repeat(5000)));
    return created.importFile(path);
  }));
  created.lock();

  const vault = await openVault(location, PASS, { kdf: TEST_KDF });
  await vault.changePassphrase(PASS, 'an entirely new passphrase');
  for (const item of files) await buffer(await vault.openRange(item.id, 0, 99));
  expect(await vault.list()).toHaveLength(2);

  // The wrapping keys are zeroed as soon as their cipher has them, the second master-key copy that
  // changePassphrase unwraps as soon as it is rewrapped.
  expect(handedOut.wrappingKeys.length).toBeGreaterThanOrEqual(4);
  expect(handedOut.wrappingKeys.every(isZero)).toBe(true);
  const [sessionKey, passphraseChangeCopy] = handedOut.masterKeys;
  expect(isZero(passphraseChangeCopy!)).toBe(true);
  expect(isZero(sessionKey!)).toBe(false);

  const payloadKeys = await cachedPayloadKeys(vault);
  expect(payloadKeys).toHaveLength(2);
  expect(payloadKeys.some(isZero)).toBe(false);
  const catalog = vault['catalog'];
  expect(catalog.items()).toHaveLength(2);

  vault.lock();
  expect(isZero(sessionKey!)).toBe(true);
  expect(payloadKeys.every(isZero)).toBe(true);
  expect(catalog.items()).toEqual([]);
  await expect(vault.list()).rejects.toMatchObject({ code: 'LOCKED' });
});
