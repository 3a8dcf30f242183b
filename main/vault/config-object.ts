import { Readable } from 'node:stream';
import { serializeVaultConfig, type VaultConfig } from '../keys/vault-config.js';
import type { ObjectStore } from '../store/object-store.js';
import { CONFIG_KEY } from '../catalog/storage-keys.js';

/** Stores the vault config in one atomic put: readers see the old config or the new one. */
export async function writeVaultConfig(store: ObjectStore, config: VaultConfig): Promise<void> {
  const bytes = serializeVaultConfig(config);
  await store.put(CONFIG_KEY, Readable.from([bytes]), { sizeHint: bytes.length });
}
