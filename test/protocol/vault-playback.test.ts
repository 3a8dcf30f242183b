import { vaultMediaSource } from '../../main/protocol/vault-media-source.js';
import { createVault } from '../../main/vault/open-vault.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { CountingStore } from '../helpers/counting-store.js';
import { describePlayback } from '../helpers/playback-suite.js';
import { startS3rver } from '../helpers/s3rver.js';

// The same playback suite as with plain files, but every byte comes from a vault on a real S3 server
// (s3rver over HTTP) and is decrypted on the way; `bytesRead` counts ciphertext fetched from storage.
describePlayback('a vault on s3rver', async () => {
  const server = await startS3rver();
  const location: VaultLocation = {
    kind: 's3', bucket: server.bucket, prefix: 'playback', endpoint: server.endpoint, forcePathStyle: true, credentials: server.credentials,
  };
  const store = new CountingStore(storeForLocation(location));
  const vault = await createVault(location, 'playback passphrase', { store, kdf: TEST_KDF });
  return {
    async source(fixture) {
      const item = await vault.importFile(fixture.path);
      const source = await vaultMediaSource(vault, item.id);
      if (!source || source.contentType !== fixture.contentType) throw new Error(`imported ${fixture.name} as ${source?.contentType}`);
      return source;
    },
    bytesRead: () => store.bytesFetched,
    openReads: () => store.gets.filter((get) => !get.closed).length,
    // Far below one whole file per seek: each seek's abandoned read stops at storage.
    maxSeekReadShare: 0.5,
    close: async () => {
      vault.lock();
      await server.close();
    },
  };
});
