import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEY, contentKey, metadataKey, objectIdOf } from '../../main/catalog/storage-keys.js';
import { layoutOfBuffer } from '../../main/format/buffer-io.js';
import { parseVaultConfig, unlockVaultConfig } from '../../main/keys/vault-config.js';
import type { ObjectInfo, ObjectStore, PutOptions } from '../../main/store/object-store.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import type { VaultLocation } from '../../main/vault/types.js';
import type { VaultSession } from '../../main/vault/vault-session.js';
import { CountingStore } from '../helpers/counting-store.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { localBackend, s3Backend } from './backends.js';

const OLD = 'a long and careful passphrase';
const NEW = 'a fresh passphrase for a fresh key';
const fast = { kdf: TEST_KDF };
const MiB = 1024 * 1024;

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A vault of four items (media, compressible text, a multi-chunk binary, an empty file); their names and digests. */
async function vaultWithItems(location: VaultLocation): Promise<Map<string, string>> {
  const vault = await createVault(location, OLD, fast);
  const dir = await makeTempDir('coffer-rekey-src');
  const files = new Map<string, Buffer>([
    ['clip.mp4', Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), randomBytes(MiB)])],
    ['notes.txt', Buffer.from('the same line again and again\n'.repeat(40_000))],
    ['blob.bin', randomBytes(200_000)],
    ['empty.txt', Buffer.alloc(0)],
  ]);
  for (const [name, data] of files) {
    await writeFile(join(dir, name), data);
    await vault.importFile(join(dir, name));
  }
  vault.lock();
  return new Map([...files].map(([name, data]) => [name, digest(data)]));
}

async function keysOf(store: ObjectStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list('')) keys.push(info.key);
  return keys.sort();
}

/** Every item's name and the digest of its bytes as `vault` reads them; fails on a name listed twice. */
async function contentsOf(vault: VaultSession): Promise<Map<string, string>> {
  const items = await vault.list();
  const contents = new Map<string, string>();
  for (const item of items) {
    expect(contents.has(item.name), `${item.name} listed twice`).toBe(false);
    contents.set(item.name, digest(await buffer(await vault.openRange(item.id, 0))));
  }
  return contents;
}

/** Puts of content objects, counted; and a delete of metadata that fails once when armed. */
class RekeyWatch extends CountingStore {
  contentPuts = 0;
  /** Metadata puts to let through before dying: the copy's metadata goes first, the original's tombstone next. */
  metadataPutsBeforeDying: number | undefined;
  override put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    if (key.startsWith('c/')) this.contentPuts += 1;
    if (key.startsWith('m/') && this.metadataPutsBeforeDying !== undefined && this.metadataPutsBeforeDying-- === 0) {
      this.metadataPutsBeforeDying = undefined;
      body.destroy();
      return Promise.reject(new Error('the process died here'));
    }
    return super.put(key, body, options);
  }
}

describe.each([localBackend, s3Backend])('rekey of a vault in a $name', (backend) => {
  beforeAll(() => backend.start());
  afterAll(async () => {
    await backend.stop();
    await removeTempDirs();
  });

  it('re-encrypts every item under a new master key: same bytes, old objects gone, an old config copy opens nothing', async () => {
    const { location, raw } = await backend.fresh();
    const files = await vaultWithItems(location);
    const oldConfig = await buffer(await raw.get(CONFIG_KEY));
    const vault = await openVault(location, OLD, fast);
    const before = await vault.list();
    const [oldKey] = vault['keys']!;
    const progress: string[] = [];
    const result = await vault.rekey({ newPassphrase: NEW, onItem: (p) => progress.push(p.name) });
    expect(result).toEqual({ reencrypted: 4, remaining: 0, unreadable: 0, finished: true });
    expect(progress.sort()).toEqual([...files.keys()].sort());
    expect(vault.rekeyInProgress).toBe(false);
    expect(oldKey.every((byte) => byte === 0)).toBe(true);

    const after = await vault.list();
    expect(after.map(({ name, size, type, added, compressed }) => ({ name, size, type, added, compressed }))).toEqual(
      before.map(({ name, size, type, added, compressed }) => ({ name, size, type, added, compressed })),
    );
    expect(after.some((a) => before.some((b) => b.id === a.id))).toBe(false);
    expect(await contentsOf(vault)).toEqual(files);
    // Each original leaves its tombstone, so other devices learn it went on purpose.
    const copies = after.flatMap((i) => [contentKey(i.id), metadataKey(i.id)]);
    expect(await keysOf(raw)).toEqual([CONFIG_KEY, ...copies, ...before.map((i) => metadataKey(i.id))].sort());
    expect(JSON.parse((await buffer(await raw.get(CONFIG_KEY))).toString())).not.toHaveProperty('retired');

    await expect(openVault(location, OLD, fast)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await contentsOf(await openVault(location, NEW, fast))).toEqual(files);
    // Someone with the old passphrase and an old copy of the config gets the old key, which opens nothing now stored.
    const { masterKey: fromOldCopy } = await unlockVaultConfig(parseVaultConfig(oldConfig), OLD);
    for (const item of after) {
      for (const key of [contentKey(item.id), metadataKey(item.id)]) {
        await expect(layoutOfBuffer(await buffer(await raw.get(key)), fromOldCopy, objectIdOf(key))).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
      }
    }
  });

  it('stopped after two items, lists and reads everything once under both keys, and a second run finishes it', async () => {
    const { location, raw } = await backend.fresh();
    const files = await vaultWithItems(location);
    const controller = new AbortController();
    const first = await openVault(location, OLD, fast);
    let done = 0;
    await expect(first.rekey({ newPassphrase: NEW, signal: controller.signal, onItem: () => ++done === 2 && controller.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    first.lock();
    expect(JSON.parse((await buffer(await raw.get(CONFIG_KEY))).toString())).toHaveProperty('retired');

    const between = await openVault(location, NEW, fast);
    expect(between.rekeyInProgress).toBe(true);
    expect(await contentsOf(between)).toEqual(files);
    await expect(between.rekey({ newPassphrase: 'yet another strong passphrase' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const result = await between.rekey();
    expect(result).toMatchObject({ reencrypted: 2, finished: true });
    expect(await contentsOf(between)).toEqual(files);
    expect(await keysOf(raw)).toHaveLength(1 + 3 * files.size);
  });

  it('resumed after dying between the copy and the original\'s tombstone, retires the original without uploading it again', async () => {
    const { location, raw } = await backend.fresh();
    const files = await vaultWithItems(location);
    const watch = new RekeyWatch(raw);
    const first = await openVault(location, OLD, { ...fast, store: watch });
    watch.metadataPutsBeforeDying = 1;
    await expect(first.rekey({ newPassphrase: NEW })).rejects.toThrow('the process died here');
    expect(watch.contentPuts).toBe(1);
    first.lock();

    // The copy and its original both exist now; the listing shows the item once.
    expect(await keysOf(raw)).toHaveLength(1 + 2 * (files.size + 1));
    const resumed = await openVault(location, NEW, { ...fast, store: watch });
    expect(await contentsOf(resumed)).toEqual(files);
    watch.contentPuts = 0;
    expect(await resumed.rekey()).toMatchObject({ reencrypted: 4, finished: true });
    expect(watch.contentPuts).toBe(files.size - 1);
    expect(await contentsOf(resumed)).toEqual(files);
    expect(await keysOf(raw)).toHaveLength(1 + 3 * files.size);
  });

  it('seals the tombstones of items deleted before it under the new key, so nothing reads as damaged once the old key is gone', async () => {
    const { location, raw } = await backend.fresh();
    await vaultWithItems(location);
    const vault = await openVault(location, OLD, fast);
    const deleted = (await vault.list()).find((i) => i.name === 'blob.bin')!;
    await vault.remove(deleted.id);
    const tombstone = await buffer(await raw.get(metadataKey(deleted.id)));
    await expect(vault.rekey({ newPassphrase: NEW })).resolves.toMatchObject({ reencrypted: 3, finished: true });
    vault.lock();
    expect((await buffer(await raw.get(metadataKey(deleted.id)))).equals(tombstone)).toBe(false);
    const after = await openVault(location, NEW, fast);
    const results = await after.verify();
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('refuses a weak new passphrase, and writes nothing', async () => {
    const { location, raw } = await backend.fresh();
    await vaultWithItems(location);
    const before = await keysOf(raw);
    const config = await raw.head(CONFIG_KEY);
    const vault = await openVault(location, OLD, fast);
    await expect(vault.rekey({ newPassphrase: 'password123' })).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    await expect(vault.rekey()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await keysOf(raw)).toEqual(before);
    expect(await raw.head(CONFIG_KEY)).toEqual(config);
  });
});
