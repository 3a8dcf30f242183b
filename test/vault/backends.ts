import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ObjectStore } from '../../main/store/object-store.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** A place to put a fresh vault, on a backend the vault tests run against. */
export interface Backend {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new, empty vault location and a store that reads the same objects. */
  fresh(): Promise<{ location: VaultLocation; raw: ObjectStore }>;
}

export const localBackend: Backend = {
  name: 'local folder',
  start: async () => undefined,
  stop: async () => undefined,
  async fresh() {
    const location: VaultLocation = { kind: 'folder', path: join(await makeTempDir('coffer-vault'), 'vault') };
    return { location, raw: storeForLocation(location) };
  },
};

let server: S3rverServer | undefined;
export const s3Backend: Backend = {
  name: 's3rver',
  async start() {
    server = await startS3rver();
  },
  async stop() {
    await server?.close();
  },
  async fresh() {
    const s = server!;
    const location: VaultLocation = {
      kind: 's3', bucket: s.bucket, prefix: `vault-${randomBytes(4).toString('hex')}`, endpoint: s.endpoint, forcePathStyle: true, credentials: s.credentials,
    };
    return { location, raw: storeForLocation(location) };
  },
};
