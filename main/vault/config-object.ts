import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CofferError, NotFoundError } from '../errors.js';
import { parseVaultConfig, serializeVaultConfig, type VaultConfig } from '../keys/vault-config.js';
import type { ObjectStore } from '../store/object-store.js';
import { CONFIG_KEY } from '../catalog/storage-keys.js';

/** A config as read, with the etag it had then: writes are made against that etag. */
export interface StoredConfig {
  config: VaultConfig;
  etag: string;
}

/**
 * Reads the vault config; undefined when there is none. The etag is taken before the bytes, so a
 * change in between can make a later write fail as changed elsewhere, never overwrite that change.
 */
export async function readVaultConfig(store: ObjectStore): Promise<StoredConfig | undefined> {
  const info = await store.head(CONFIG_KEY).catch(async (error: unknown) => {
    // A HEAD response has no body, so an S3 refusal names no reason (InvalidAccessKeyId, …); the
    // GET's error does.
    (await store.get(CONFIG_KEY)).destroy();
    throw error;
  });
  if (!info) return undefined;
  try {
    return { config: parseVaultConfig(await buffer(await store.get(CONFIG_KEY))), etag: info.etag };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Stores the vault config in one atomic, conditional put: only where there is none yet (`expected`
 * undefined: VAULT_EXISTS otherwise), or only if the stored config still has the etag `expected`
 * (CONFLICT otherwise, so a slot another device changed since unlock is never silently replaced).
 * Readers see the old config or the new one. Resolves with the new etag.
 */
export async function writeVaultConfig(store: ObjectStore, config: VaultConfig, expected: string | undefined): Promise<string> {
  const bytes = serializeVaultConfig(config);
  const condition = expected === undefined ? { ifNoneMatch: '*' as const } : { ifMatch: expected };
  try {
    return (await store.put(CONFIG_KEY, Readable.from([bytes]), { sizeHint: bytes.length, ...condition })).etag;
  } catch (error) {
    if (!(error instanceof CofferError && error.code === 'CONFLICT')) throw error;
    if (expected === undefined) throw new CofferError('VAULT_EXISTS', `a Coffer vault already exists at ${store.location}`, { cause: error });
    throw new CofferError(
      'CONFLICT',
      `the vault config changed elsewhere (another device or process) since this vault was unlocked; nothing was written. Unlock again and retry`,
      { cause: error },
    );
  }
}
