import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError } from '../../main/errors.js';
import { createVault } from '../../main/vault/open-vault.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { startFauxqs, type FauxqsServer } from '../helpers/fauxqs.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { WatchedContentPuts } from '../helpers/watched-content-puts.js';

const MiB = 1024 * 1024;

// s3rver can neither abort nor list multipart uploads, so "no parts left behind" by a cancelled
// import is shown on fauxqs, whose pending uploads the helper exposes.
describe('a cancelled import on fauxqs', () => {
  let server: FauxqsServer;
  beforeAll(async () => {
    server = await startFauxqs();
  });
  afterAll(async () => {
    await server?.close();
    await removeTempDirs();
  });

  it('aborts its multipart upload: no item, no object and no parts are left', async () => {
    const location: VaultLocation = { kind: 's3', bucket: server.bucket, prefix: 'cancelled', endpoint: server.endpoint, forcePathStyle: true, credentials: server.credentials };
    const raw = storeForLocation(location);
    const controller = new AbortController();
    let sawMultipart = false;
    let watching = false;
    let settled = false;
    // Past 12 MiB lib-storage is sending its 5 MiB parts; cancel once the upload shows as pending.
    const cancelWhenPending = async () => {
      while (!sawMultipart && !settled) {
        sawMultipart = (await server.pendingMultipartUploads()).some((key) => key.startsWith('cancelled/'));
        if (!sawMultipart) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (sawMultipart) controller.abort();
    };
    const store = new WatchedContentPuts(raw, (taken) => {
      if (taken <= 12 * MiB || watching) return;
      watching = true;
      void cancelWhenPending();
    });
    const vault = await createVault(location, 'a long and careful passphrase', { store, kdf: TEST_KDF });
    const path = join(await makeTempDir('coffer-src'), 'film.mov');
    await writeFile(path, randomBytes(64 * MiB));

    const importing = vault.importFile(path, { signal: controller.signal }).finally(() => (settled = true));
    await expect(importing).rejects.toBeInstanceOf(AbortedError);
    expect(sawMultipart).toBe(true);
    expect(await vault.list()).toEqual([]);
    const keys: string[] = [];
    for await (const info of raw.list('')) keys.push(info.key);
    expect(keys).toEqual(['coffer-vault.json']);
    expect((await server.pendingMultipartUploads()).filter((key) => key.startsWith('cancelled/'))).toEqual([]);
  });
});
