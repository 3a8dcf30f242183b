import { LocalFolderStore } from '../store/local-folder-store.js';
import { createS3Client } from '../store/s3-client.js';
import { S3Store } from '../store/s3-store.js';
import type { VaultLocation } from '../vault/types.js';

/**
 * "Test connection": lists at most one key at the location, through the same store code the vault
 * uses, so the answer (and its error code: STORE_UNAVAILABLE, ACCESS_DENIED, …) is the one an
 * unlock would meet. Reads nothing and writes nothing.
 */
export async function probeStorage(location: VaultLocation): Promise<void> {
  if (location.kind === 'folder') {
    await firstKey(new LocalFolderStore(location.path));
    return;
  }
  const client = createS3Client(location);
  try {
    await firstKey(new S3Store({ ...location, client, pageSize: 1 }));
  } finally {
    client.destroy();
  }
}

async function firstKey(store: LocalFolderStore | S3Store): Promise<void> {
  for await (const _object of store.list('')) return;
}
