import { mkdir } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { MetadataCache } from '../catalog/metadata-cache.js';
import { SeenRecord } from '../catalog/seen-record.js';
import { CofferError, NotFoundError } from '../errors.js';
import { createVaultConfig, parseVaultConfig, unlockVaultConfig, type VaultConfig } from '../keys/vault-config.js';
import type { ObjectStore } from '../store/object-store.js';
import { PRIVATE_DIR_MODE } from '../private-mode.js';
import { writeVaultConfig } from './config-object.js';
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
}

function describe(location: VaultLocation): string {
  return location.kind === 'folder' ? location.path : `s3://${location.bucket}/${location.prefix}`;
}

function session(store: ObjectStore, config: VaultConfig, masterKey: Buffer, options: OpenVaultOptions): VaultSession {
  const dir = options.cacheDir;
  if (!dir) return new VaultSession(store, config, masterKey);
  return new VaultSession(store, config, masterKey, new MetadataCache(dir, config.vaultId), new SeenRecord(dir, config.vaultId, masterKey));
}

/**
 * Creates a vault at `location` (a folder is made if missing). VAULT_EXISTS if one is already there;
 * LOCATION_NOT_EMPTY if anything else is (see assertEmptyLocation), so that everything the vault
 * later finds in its folder or prefix is its own.
 */
export async function createVault(location: VaultLocation, passphrase: string, options: OpenVaultOptions = {}): Promise<VaultSession> {
  if (location.kind === 'folder') await mkdir(location.path, { recursive: true, mode: PRIVATE_DIR_MODE });
  const store = options.store ?? storeForLocation(location);
  if (await store.head(CONFIG_KEY)) throw new CofferError('VAULT_EXISTS', `a Coffer vault already exists at ${describe(location)}`);
  await assertEmptyLocation(location, store);
  const { config, masterKey } = await createVaultConfig(passphrase);
  await writeVaultConfig(store, config);
  return session(store, config, masterKey, options);
}

/**
 * Unlocks the vault at `location`: NOT_A_VAULT where there is none, CORRUPT_CONFIG, WRONG_PASSPHRASE.
 * Nothing is written before the passphrase is proven; then leftovers of interrupted uploads go, where
 * the store's key is allowed to remove them and they are provably the vault's own (see cleanup.ts).
 */
export async function openVault(location: VaultLocation, passphrase: string, options: OpenVaultOptions = {}): Promise<VaultSession> {
  const store = options.store ?? storeForLocation(location);
  let bytes: Buffer;
  try {
    bytes = await buffer(await store.get(CONFIG_KEY));
  } catch (error) {
    if (error instanceof NotFoundError) throw new CofferError('NOT_A_VAULT', `no Coffer vault at ${describe(location)}`);
    if (error instanceof CofferError && error.code === 'STORE_UNAVAILABLE' && location.kind === 'folder') {
      throw new CofferError('NOT_A_VAULT', `no Coffer vault at ${describe(location)}: ${error.message}`);
    }
    throw error;
  }
  const config = parseVaultConfig(bytes);
  const { masterKey } = await unlockVaultConfig(config, passphrase);
  try {
    await cleanupInterrupted(store, masterKey, options.cleanup ?? DEFAULT_CLEANUP_AGES);
  } catch (error) {
    // Tidying up is a courtesy, not a condition of opening: a key that may read but not delete, or
    // an AWS key without s3:ListBucketMultipartUploads, still opens the vault, and the leftovers wait
    // for an open with a key that may remove them.
    if (!(error instanceof CofferError && error.code === 'ACCESS_DENIED')) throw error;
  }
  return session(store, config, masterKey, options);
}
