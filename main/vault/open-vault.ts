import { mkdir } from 'node:fs/promises';
import type { Keyring } from '../catalog/catalog.js';
import { MetadataCache } from '../catalog/metadata-cache.js';
import { SeenRecord } from '../catalog/seen-record.js';
import { CofferError } from '../errors.js';
import { assertStrongPassphrase } from '../keys/passphrase-rule.js';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from '../keys/scrypt-kdf.js';
import { upgradedSlot } from '../keys/slot-changes.js';
import { createVaultConfig, unlockVaultConfig, unwrapRetiredKey, type KeySlot } from '../keys/vault-config.js';
import type { ObjectStore } from '../store/object-store.js';
import { PRIVATE_DIR_MODE } from '../private-mode.js';
import { readVaultConfig, writeVaultConfig, type StoredConfig } from './config-object.js';
import { cleanupInterrupted, DEFAULT_CLEANUP_AGES, type CleanupAges } from './cleanup.js';
import { assertEmptyLocation } from './empty-location.js';
import { CONFIG_KEY } from '../catalog/storage-keys.js';
import { storeForLocation } from './store-for-location.js';
import type { VaultLocation } from './types.js';
import { VaultSession } from './vault-session.js';

export interface OpenVaultOptions {
  /**
   * Folder for the per-vault cache of sealed metadata and this device's record of what it has seen
   * (which is how vanished and rolled-back items are noticed); neither without it.
   */
  cacheDir?: string;
  /** How old leftovers of interrupted uploads must be before an open removes them. */
  cleanup?: CleanupAges;
  /** Use this store instead of one built from the location (tests count requests through it). */
  store?: ObjectStore;
  /**
   * scrypt cost of the slots this session writes (new vault, new passphrase, upgrade on unlock), for
   * tests and benchmarks that cannot spend a second per unlock. Never set it elsewhere: the default,
   * DEFAULT_SCRYPT_COST, is what guards a vault's passphrase.
   */
  kdf?: ScryptCost;
}

function describe(location: VaultLocation): string {
  return location.kind === 'folder' ? location.path : `s3://${location.bucket}/${location.prefix}`;
}

function session(store: ObjectStore, stored: StoredConfig, keys: Keyring, options: OpenVaultOptions): VaultSession {
  const dir = options.cacheDir;
  const { vaultId } = stored.config;
  const cache = dir ? new MetadataCache(dir, vaultId) : undefined;
  const seen = dir ? new SeenRecord(dir, vaultId, keys) : undefined;
  return new VaultSession(store, stored, keys, { cache, seen, kdf: options.kdf ?? DEFAULT_SCRYPT_COST });
}

/**
 * Rewraps the slot that opened the vault when its scrypt cost is below today's ([Note: slot
 * upgrade]). A courtesy like the cleanup: a key that may not write, or a config changed elsewhere
 * meanwhile, still opens the vault, and the upgrade waits for a later unlock.
 */
async function upgradeOnUnlock(store: ObjectStore, stored: StoredConfig, slot: KeySlot, masterKey: Buffer, passphrase: string, kdf: ScryptCost): Promise<StoredConfig> {
  const config = await upgradedSlot(stored.config, slot, masterKey, passphrase, kdf);
  if (!config) return stored;
  try {
    return { config, etag: await writeVaultConfig(store, config, stored.etag) };
  } catch (error) {
    if (error instanceof CofferError && (error.code === 'CONFLICT' || error.code === 'ACCESS_DENIED')) return stored;
    throw error;
  }
}

/**
 * Creates a vault at `location` (a folder is made if missing). VAULT_EXISTS if one is already there;
 * LOCATION_NOT_EMPTY if anything else is (see assertEmptyLocation), so that everything the vault
 * later finds in its folder or prefix is its own; WEAK_PASSPHRASE, before anything is touched, for
 * a passphrase that fails the rule.
 */
export async function createVault(location: VaultLocation, passphrase: string, options: OpenVaultOptions = {}): Promise<VaultSession> {
  await assertStrongPassphrase(passphrase);
  if (location.kind === 'folder') await mkdir(location.path, { recursive: true, mode: PRIVATE_DIR_MODE });
  const store = options.store ?? storeForLocation(location);
  if (await store.head(CONFIG_KEY)) throw new CofferError('VAULT_EXISTS', `a Coffer vault already exists at ${describe(location)}`);
  await assertEmptyLocation(location, store);
  const { config, masterKey } = await createVaultConfig(passphrase, options.kdf);
  const etag = await writeVaultConfig(store, config, undefined);
  return session(store, { config, etag }, [masterKey], options);
}

/**
 * Unlocks the vault at `location`: NOT_A_VAULT where there is none, CORRUPT_CONFIG, WRONG_PASSPHRASE.
 * Nothing is written before the passphrase is proven; then leftovers of interrupted uploads go, where
 * the store's key is allowed to remove them and they are provably the vault's own (see cleanup.ts).
 */
export async function openVault(location: VaultLocation, passphrase: string, options: OpenVaultOptions = {}): Promise<VaultSession> {
  const store = options.store ?? storeForLocation(location);
  let stored: StoredConfig | undefined;
  try {
    stored = await readVaultConfig(store);
  } catch (error) {
    if (error instanceof CofferError && error.code === 'STORE_UNAVAILABLE' && location.kind === 'folder') {
      throw new CofferError('NOT_A_VAULT', `no Coffer vault at ${describe(location)}: ${error.message}`);
    }
    throw error;
  }
  if (!stored) throw new CofferError('NOT_A_VAULT', `no Coffer vault at ${describe(location)}`);
  const { masterKey, slot } = await unlockVaultConfig(stored.config, passphrase);
  // Mid-rekey, items are under the previous master key too ([Note: rekey] in rekey.ts).
  const retired = unwrapRetiredKey(stored.config, masterKey);
  const keys: Keyring = retired ? [masterKey, retired] : [masterKey];
  stored = await upgradeOnUnlock(store, stored, slot, masterKey, passphrase, options.kdf ?? DEFAULT_SCRYPT_COST);
  try {
    await cleanupInterrupted(store, masterKey, options.cleanup ?? DEFAULT_CLEANUP_AGES);
  } catch (error) {
    // Tidying up is a courtesy, not a condition of opening: a key that may read but not delete, or
    // an AWS key without s3:ListBucketMultipartUploads, still opens the vault, and the leftovers wait
    // for an open with a key that may remove them.
    if (!(error instanceof CofferError && error.code === 'ACCESS_DENIED')) throw error;
  }
  return session(store, stored, keys, options);
}
