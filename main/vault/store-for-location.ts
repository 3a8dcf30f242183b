import { LocalFolderStore } from '../store/local-folder-store.js';
import type { ObjectStore } from '../store/object-store.js';
import { S3Store } from '../store/s3-store.js';
import type { VaultLocation } from './types.js';

export function storeForLocation(location: VaultLocation): ObjectStore {
  if (location.kind === 'folder') return new LocalFolderStore(location.path);
  return new S3Store({
    bucket: location.bucket,
    prefix: location.prefix,
    endpoint: location.endpoint,
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    credentials: location.credentials,
  });
}
