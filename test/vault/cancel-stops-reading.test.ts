import { randomBytes } from 'node:crypto';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbortedError } from '../../main/errors.js';
import { createVault } from '../../main/vault/open-vault.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { WatchedContentPuts } from '../helpers/watched-content-puts.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { localBackend, s3Backend } from './backends.js';

/** What the code under test did with the files it opened at a watched path. */
interface SourceReads {
  bytes: number;
  readsAfterClose: number;
  open: number;
}
const watched = new Map<string, SourceReads>();

// The import opens its source itself, so the only place to see its reads is the file handle. The mock
// replaces node:fs/promises for every module this file loads, which is why these tests stand alone.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open = async (...args: Parameters<typeof fs.open>): Promise<FileHandle> => {
    const handle = await fs.open(...args);
    const reads = watched.get(String(args[0]));
    if (!reads) return handle;
    reads.open += 1;
    let closed = false;
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
    const close = handle.close.bind(handle);
    Object.assign(handle, {
      read: async (...a: unknown[]) => {
        if (closed) reads.readsAfterClose += 1;
        const result = await read(...a);
        reads.bytes += result.bytesRead;
        return result;
      },
      // A destroyed read stream closes the handle it was given, and the import closes it again.
      close: async () => {
        if (!closed) reads.open -= 1;
        closed = true;
        return close();
      },
    });
    return handle;
  };
  return { ...fs, open, default: { ...fs, open } };
});

const MiB = 1024 * 1024;
const SIZE = 96 * MiB;

describe.each([localBackend, s3Backend])('cancelling an import into a $name', (backend) => {
  beforeAll(() => backend.start());
  afterAll(async () => {
    await backend.stop();
    await removeTempDirs();
  });

  it('stops reading the source where the cancel finds it and closes it', async () => {
    const { location, raw } = await backend.fresh();
    const controller = new AbortController();
    const store = new WatchedContentPuts(raw, (taken) => taken > 12 * MiB && queueMicrotask(() => controller.abort()));
    const vault = await createVault(location, 'a long and careful passphrase', { store, kdf: TEST_KDF });
    const path = join(await makeTempDir('coffer-src'), 'film.mov');
    await writeFile(path, randomBytes(SIZE));
    const reads: SourceReads = { bytes: 0, readsAfterClose: 0, open: 0 };
    watched.set(path, reads);

    await expect(vault.importFile(path, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    const readAtCancel = reads.bytes;
    await sleep(200);
    // What was read beyond the 12 MiB the store took is what the stages buffer: on S3 lib-storage's
    // queue of 5 MiB parts plus the one it fills, on a folder a few stream buffers.
    expect(readAtCancel).toBeGreaterThan(12 * MiB);
    expect(readAtCancel).toBeLessThan(SIZE / 2);
    expect(reads.bytes).toBe(readAtCancel);
    expect(reads.readsAfterClose).toBe(0);
    expect(reads.open).toBe(0);
    watched.delete(path);
  });
});
