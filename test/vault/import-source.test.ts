/**
 * What an import reads: one regular file, exactly the bytes it had when the import began. Anything
 * else (a FIFO, a device, a folder, a file that grows or shrinks meanwhile) fails with its own code
 * and leaves the vault as it was.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import type { ObjectStore, PutOptions } from '../../main/store/object-store.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { createVault } from '../../main/vault/open-vault.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { localBackend } from './backends.js';

const PASS = 'a long and careful passphrase';
const unix = process.platform !== 'win32';

afterAll(removeTempDirs);

async function freshVault() {
  const { location, raw } = await localBackend.fresh();
  return { vault: await createVault(location, PASS), raw };
}

/**
 * The folder store, but a content put first waits for `whileHeld` to finish: backpressure then
 * stops the import's read part-way into the file, where a test can change it.
 */
async function storeHoldingContent(whileHeld: () => Promise<void>): Promise<{ store: ObjectStore; location: VaultLocation; raw: ObjectStore }> {
  const { location, raw } = await localBackend.fresh();
  const store: ObjectStore = Object.create(raw, {
    put: {
      value: async (key: string, body: Readable, options?: PutOptions) => {
        if (key.startsWith('c/')) await whileHeld();
        return raw.put(key, body, options);
      },
    },
  });
  return { store, location, raw };
}

async function keys(store: ObjectStore): Promise<string[]> {
  const found: string[] = [];
  for await (const info of store.list('')) found.push(info.key);
  return found.sort();
}

describe('what an import reads', () => {
  it.runIf(unix)('refuses a named pipe at once instead of waiting for a writer', async () => {
    const { vault, raw } = await freshVault();
    const fifo = join(await makeTempDir('coffer-src'), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const before = await keys(raw);
    await expect(vault.importFile(fifo)).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('named pipe') });
    expect(await keys(raw)).toEqual(before);
  });

  it.runIf(process.platform === 'linux')('refuses a device such as /dev/zero, which would stream without end', async () => {
    const { vault } = await freshVault();
    await expect(vault.importFile('/dev/zero')).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('device') });
    await expect(vault.list()).resolves.toEqual([]);
  });

  it('refuses a folder', async () => {
    const { vault } = await freshVault();
    const dir = join(await makeTempDir('coffer-src'), 'photos');
    await mkdir(dir);
    await expect(vault.importFile(dir)).rejects.toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('folder') });
  });

  it.each([
    ['grows', (path: string) => appendFile(path, randomBytes(1000))],
    ['shrinks', (path: string) => truncate(path, 1024 * 1024)],
    ['is rewritten in place', (path: string) => writeFile(path, randomBytes(4 * 1024 * 1024))],
  ])('fails with SOURCE_CHANGED when the file %s while it is read, storing nothing', async (_what, change) => {
    const path = join(await makeTempDir('coffer-src'), 'recording.mov');
    await writeFile(path, randomBytes(16 * 1024 * 1024));
    const { store, location, raw } = await storeHoldingContent(() => change(path));
    const vault = await createVault(location, PASS, { store });
    const before = await keys(raw);
    await expect(vault.importFile(path)).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
    await expect(vault.list()).resolves.toEqual([]);
    expect(await keys(raw)).toEqual(before);
  });

  it.runIf(unix)('refuses a symbolic link with NOT_A_FILE when told to (a file a folder walk found), and follows one otherwise', async () => {
    const { vault, raw } = await freshVault();
    const dir = await makeTempDir('coffer-src');
    await writeFile(join(dir, 'target.txt'), 'the target');
    await symlink(join(dir, 'target.txt'), join(dir, 'link.txt'));
    const before = await keys(raw);
    await expect(vault.importFile(join(dir, 'link.txt'), { refuseLink: true })).rejects.toMatchObject({
      code: 'NOT_A_FILE',
      message: expect.stringContaining('is a symbolic link'),
    });
    expect(await keys(raw)).toEqual(before);
    await expect(vault.importFile(join(dir, 'link.txt'))).resolves.toMatchObject({ name: 'link.txt', size: 'the target'.length });
  });

  it('reads an empty file as an empty item', async () => {
    const { vault } = await freshVault();
    const path = join(await makeTempDir('coffer-src'), 'empty.txt');
    await writeFile(path, '');
    await expect(vault.importFile(path)).resolves.toMatchObject({ name: 'empty.txt', size: 0 });
  });
});
