import { CofferError, NotFoundError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { CONFIG_KEY } from '../catalog/storage-keys.js';
import type { VaultLocation } from '../vault/types.js';

/**
 * Whether `store` holds a vault config, for asking before a passphrase prompt: typing a passphrase
 * for a vault that is not there (a typo in --vault, a dead endpoint) wastes it. Reads the config
 * rather than asking for its HEAD, so refusals carry the storage's own reason, as in openVault.
 * A missing folder holds no vault; storage that cannot be reached fails here.
 */
export async function hasVault(store: ObjectStore, location: VaultLocation): Promise<boolean> {
  try {
    (await store.get(CONFIG_KEY)).destroy();
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    if (location.kind === 'folder' && error instanceof CofferError && error.code === 'STORE_UNAVAILABLE') return false;
    throw error;
  }
}
