import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, CofferError, CorruptObjectError } from '../../main/errors.js';
import type { GetOptions, ObjectInfo, ObjectStore, PutOptions } from '../../main/store/object-store.js';
import { createS3Client } from '../../main/store/s3-client.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import { contentKey, metadataKey } from '../../main/catalog/storage-keys.js';
import { openBuffer } from '../../main/format/buffer-io.js';
import { sealMetadata, type ItemMetadata } from '../../main/catalog/item-metadata.js';
import { parseVaultConfig, unlockVaultConfig } from '../../main/keys/vault-config.js';
import { CountingStore } from '../helpers/counting-store.js';
import { WatchedContentPuts } from '../helpers/watched-content-puts.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { localBackend, s3Backend } from './backends.js';

const PASS = 'a long and careful passphrase';
/** Cleanup ages under which every leftover counts as old, so a test need not wait a day. */
const OLD_ENOUGH = { orphanAfterMs: -1000, incompleteAfterMs: -1000 };
/** Every vault here but the one about the KDF uses a cheap scrypt cost. */
const fast = { kdf: TEST_KDF };
const MiB = 1024 * 1024;

async function file(name: string, data: Buffer): Promise<string> {
  const path = join(await makeTempDir('coffer-src'), name);
  await writeFile(path, data);
  return path;
}

function jsonLines(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({ id: i, title: `Holiday clip ${i % 97}`, tags: ['family', 'beach', i % 5 ? 'sun' : 'rain'], views: (i * 7919) % 10007 }) + '\n';
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

/** An item's metadata object opened as a third-party reader would: master key from the config and passphrase. */
async function storedMetadata(raw: ObjectStore, id: string): Promise<Record<string, unknown>> {
  const { masterKey } = await unlockVaultConfig(parseVaultConfig(await buffer(await raw.get('coffer-vault.json'))), PASS);
  return JSON.parse((await openBuffer(await buffer(await raw.get(metadataKey(id))), masterKey, `m.${id}`)).toString()) as Record<string, unknown>;
}

async function keysOf(store: ObjectStore): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for await (const info of store.list('')) keys.set(info.key, info.etag);
  return keys;
}

describe.each([localBackend, s3Backend])('a vault in a $name', (backend) => {
  beforeAll(() => backend.start());
  afterAll(async () => {
    await backend.stop();
    await removeTempDirs();
  });

  it('creates, refuses to create twice, and opens only with the passphrase', async () => {
    const { location, raw } = await backend.fresh();
    (await createVault(location, PASS, fast)).lock();
    await expect(createVault(location, PASS, fast)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    const before = await keysOf(raw);
    await expect(openVault(location, 'not the passphrase', fast)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await keysOf(raw)).toEqual(before);
    const vault = await openVault(location, PASS, fast);
    expect(await vault.list()).toEqual([]);
  });

  it('refuses a weak passphrase when creating or changing, saying why, and writes nothing', async () => {
    const { location, raw } = await backend.fresh();
    await expect(createVault(location, 'password123', fast)).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      message: expect.stringContaining('This is a commonly used password.'),
    });
    if (location.kind === 'folder') await expect(readdir(location.path)).rejects.toMatchObject({ code: 'ENOENT' });
    else expect(await keysOf(raw)).toEqual(new Map());
    const vault = await createVault(location, PASS, fast);
    const before = await keysOf(raw);
    await expect(vault.changePassphrase(PASS, 'short')).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE', message: expect.stringContaining('too short') });
    expect(await keysOf(raw)).toEqual(before);
    (await openVault(location, PASS, fast)).lock();
  });

  it('says NOT_A_VAULT where there is none', async () => {
    const { location } = await backend.fresh();
    await expect(openVault(location, PASS, fast)).rejects.toMatchObject({ code: 'NOT_A_VAULT' });
  });

  it('imports media uncompressed and text compressed, and reads both back exactly', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const video = Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), randomBytes(3 * MiB)]);
    const text = jsonLines(4 * MiB);
    const progress: number[] = [];
    const v = await vault.importFile(await file('Holiday 2024.mp4', video), { onProgress: (p) => progress.push(p.bytesRead) });
    const t = await vault.importFile(await file('notes.jsonl', text));
    expect(v).toMatchObject({ name: 'Holiday 2024.mp4', size: video.length, type: 'video/mp4', compressed: false });
    expect(t).toMatchObject({ name: 'notes.jsonl', size: text.length, compressed: true });
    expect(progress.at(-1)).toBe(video.length);
    const storedText = (await raw.head(contentKey(t.id)))!.size;
    expect(storedText / text.length).toBeLessThan(0.35);
    const storedVideo = (await raw.head(contentKey(v.id)))!.size;
    expect((storedVideo - video.length) / video.length).toBeLessThan(0.0003);
    expect((await vault.list()).map((i) => i.name).sort()).toEqual(['Holiday 2024.mp4', 'notes.jsonl']);
    for (const [item, data] of [[v, video], [t, text]] as const) {
      for (const [start, end] of [[0, 0], [65535, 65536], [1_000_000, 1_300_000], [data.length - 10, data.length + 100]]) {
        const got = await buffer(await vault.openRange(item.id, start!, end));
        expect(got.equals(data.subarray(start, end! + 1)), `${item.name} ${start}-${end}`).toBe(true);
      }
      const out = join(await makeTempDir('coffer-out'), 'out.bin');
      await vault.exportTo(item.id, out);
      expect((await readFile(out)).equals(data)).toBe(true);
    }
  });

  it('shows the storage nothing but random names and ciphertext', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    await vault.importFile(await file('Secret Diary.txt', Buffer.from('Dear diary, today I bought a vault.\n'.repeat(100))));
    for (const key of (await keysOf(raw)).keys()) {
      expect(key).not.toMatch(/diary|secret|\.txt/i);
      if (key === 'coffer-vault.json') continue;
      const bytes = await buffer(await raw.get(key));
      expect(bytes.includes('Diary')).toBe(false);
      expect(bytes.includes('diary')).toBe(false);
      expect(bytes.includes('text/plain')).toBe(false);
    }
  });

  it('renames, resolves by id, prefix and name, and removes content, leaving a tombstone for metadata', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const a = await vault.importFile(await file('a.txt', Buffer.from('alpha')));
    const b = await vault.importFile(await file('b.txt', Buffer.from('beta')));
    await vault.rename(a.id, 'same');
    await vault.rename(b.id, 'same');
    await expect(vault.resolve('same')).rejects.toMatchObject({ code: 'AMBIGUOUS', message: expect.stringContaining(a.id) });
    expect((await vault.resolve(a.id.slice(0, 10))).id).toBe(a.id);
    await vault.rename(b.id, 'beta.txt');
    expect((await vault.resolve('beta.txt')).id).toBe(b.id);
    await expect(vault.rename(a.id, '  ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await vault.remove(a.id);
    expect(await raw.head(contentKey(a.id))).toBeUndefined();
    expect(await storedMetadata(raw, a.id)).toEqual({ v: 1, id: a.id, deleted: true, rev: 2 });
    await expect(vault.item(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(vault.rename(a.id, 'back again')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(vault.openRange('zzzzzzzzzzzzzzzzzzzzzzzzzz', 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reopened = await openVault(location, PASS, fast);
    expect((await reopened.list()).map((i) => i.name)).toEqual(['beta.txt']);
  });

  it('keeps the folder an item was imported into, sealed like its name, through a rename and the next unlock', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const inFolder = await vault.importFile(await file('beach.jpg', Buffer.from('waves')), { folder: 'Trip/Sunday Beach' });
    const loose = await vault.importFile(await file('loose.txt', Buffer.from('alone')));
    expect(inFolder).toMatchObject({ name: 'beach.jpg', folder: 'Trip/Sunday Beach' });
    expect(loose.folder).toBe('');
    expect(await storedMetadata(raw, inFolder.id)).toMatchObject({ name: 'beach.jpg', folder: 'Trip/Sunday Beach' });
    expect(await storedMetadata(raw, loose.id)).not.toHaveProperty('folder');
    for (const key of (await keysOf(raw)).keys()) {
      expect((await buffer(await raw.get(key))).includes('Sunday Beach'), key).toBe(false);
    }
    await expect(vault.rename(inFolder.id, 'shore.jpg')).resolves.toMatchObject({ name: 'shore.jpg', folder: 'Trip/Sunday Beach' });
    const reopened = await openVault(location, PASS, fast);
    expect((await reopened.list()).map((i) => [i.name, i.folder]).sort()).toEqual([['loose.txt', ''], ['shore.jpg', 'Trip/Sunday Beach']]);
  });

  it('refuses a folder that is not a clean relative path with INVALID_ARGUMENT saying why, storing nothing', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const source = await file('a.txt', Buffer.from('alpha'));
    const before = await keysOf(raw);
    const refused: [string, string][] = [
      ['/Trip', "empty segment (a leading, trailing or doubled '/')"],
      ['Trip/', 'empty segment'],
      ['Trip//day1', 'empty segment'],
      ['./Trip', 'a "." segment'],
      ['Trip/../..', 'a ".." segment'],
      ['Trip\nday1', 'control character'],
      ['x'.repeat(256), 'segment longer than 255 characters'],
      [`${'abc/'.repeat(256)}x`, 'longer than 1024 characters'],
    ];
    for (const [folder, why] of refused) {
      await expect(vault.importFile(source, { folder }), folder).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(why),
      });
    }
    expect(await keysOf(raw)).toEqual(before);
    // The limits count characters, not bytes: 255 of them in a segment and 1024 in all are fine.
    const longest = ['한'.repeat(255), 'a'.repeat(255), 'b'.repeat(255), 'c'.repeat(254), 'd'].join('/');
    expect(longest).toHaveLength(1024);
    await expect(vault.importFile(source, { folder: longest })).resolves.toMatchObject({ folder: longest });
  });

  it('lists no item whose sealed metadata holds a folder that breaks the rules, and reports it unreadable', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const item = await vault.importFile(await file('a.txt', Buffer.from('alpha')));
    const { masterKey } = await unlockVaultConfig(parseVaultConfig(await buffer(await raw.get('coffer-vault.json'))), PASS);
    const meta = { ...(await storedMetadata(raw, item.id)), folder: '../outside' } as unknown as ItemMetadata;
    await raw.put(metadataKey(item.id), Readable.from([await sealMetadata(masterKey, `m.${item.id}`, meta)]));
    const reopened = await openVault(location, PASS, fast);
    expect(await reopened.list()).toEqual([]);
    const [problem] = await reopened.verify();
    expect(problem).toMatchObject({ id: item.id, ok: false, error: { code: 'CORRUPT_OBJECT', message: expect.stringContaining('folder has a ".." segment') } });
  });

  it('changes the passphrase without touching content', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const item = await vault.importFile(await file('x.bin', randomBytes(1000)));
    const etag = (await raw.head(contentKey(item.id)))!.etag;
    await vault.changePassphrase(PASS, 'an entirely new passphrase');
    await expect(openVault(location, PASS, fast)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const reopened = await openVault(location, 'an entirely new passphrase', fast);
    expect((await reopened.item(item.id)).size).toBe(1000);
    expect((await raw.head(contentKey(item.id)))!.etag).toBe(etag);
  });

  it('upgrades a slot made with the old scrypt cost (2^17) on unlock: same master key, content untouched', async () => {
    const { location, raw } = await backend.fresh();
    const old = await createVault(location, PASS, { ...fast, kdf: { N: 2 ** 17, r: 8, p: 1 } });
    const item = await old.importFile(await file('kept.bin', Buffer.from('written before the upgrade')));
    old.lock();
    const slotOf = async () => (JSON.parse((await buffer(await raw.get('coffer-vault.json'))).toString()) as { slots: { kdf: { N: number } }[] }).slots;
    expect((await slotOf())[0]?.kdf.N).toBe(2 ** 17);
    const content = await raw.head(contentKey(item.id));
    // No kdf option: what the app and the CLI do.
    const opened = await openVault(location, PASS);
    expect((await buffer(await opened.openRange(item.id, 0))).toString()).toBe('written before the upgrade');
    const slots = await slotOf();
    expect(slots).toHaveLength(1);
    expect(slots[0]?.kdf.N).toBeGreaterThanOrEqual(2 ** 18);
    expect(await raw.head(contentKey(item.id))).toEqual(content);
    const upgraded = await raw.head('coffer-vault.json');
    const again = await openVault(location, PASS);
    expect((await buffer(await again.openRange(item.id, 0))).toString()).toBe('written before the upgrade');
    expect(await raw.head('coffer-vault.json')).toEqual(upgraded);
  });

  it('refuses to write a config another session changed since this one unlocked: CONFLICT, and nothing is written', async () => {
    const { location, raw } = await backend.fresh();
    (await createVault(location, PASS, fast)).lock();
    const [one, two] = [await openVault(location, PASS, fast), await openVault(location, PASS, fast)];
    await two.changePassphrase(PASS, 'an entirely new passphrase');
    const changed = await raw.head('coffer-vault.json');
    await expect(one.changePassphrase(PASS, 'a third and different passphrase')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed elsewhere'),
    });
    expect(await raw.head('coffer-vault.json')).toEqual(changed);
    await expect(openVault(location, 'a third and different passphrase', fast)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    (await openVault(location, 'an entirely new passphrase', fast)).lock();
  });

  it('cancels an import mid-stream and leaves no item and no object behind', async () => {
    const { location, raw } = await backend.fresh();
    const controller = new AbortController();
    // Cancel once the store has taken 12 MiB of content: mid-stream by construction, whatever the
    // machine's speed (throttled progress events can arrive only after a fast import finished), and
    // on S3 with parts already sent, since lib-storage has read past its 5 MiB first part.
    const store = new WatchedContentPuts(raw, (taken) => taken > 12 * MiB && queueMicrotask(() => controller.abort()));
    const vault = await createVault(location, PASS, { ...fast, store });
    const big = await file('big.mov', randomBytes(24 * MiB));
    const importing = vault.importFile(big, { signal: controller.signal });
    await expect(importing).rejects.toBeInstanceOf(AbortedError);
    expect(await vault.list()).toEqual([]);
    expect([...(await keysOf(raw)).keys()]).toEqual(['coffer-vault.json']);
    if (location.kind === 'folder') expect(await readdir(join(location.path, '.tmp')).catch(() => [])).toEqual([]);
  });

  it('lets two sessions on one vault import at the same time, and each sees both items and the other\'s changes', async () => {
    const { location } = await backend.fresh();
    await createVault(location, PASS, fast);
    const [one, two] = await Promise.all([openVault(location, PASS, fast), openVault(location, PASS, fast)]);
    const [filmOne, filmTwo, notes] = [randomBytes(6 * MiB + 5), randomBytes(3 * MiB), jsonLines(2 * MiB)];
    const paths = await Promise.all([file('one.mp4', filmOne), file('two.mp4', filmTwo), file('notes.json', notes)]);
    const [first, second, third] = await Promise.all([one.importFile(paths[0]), two.importFile(paths[1]), one.importFile(paths[2])]);
    await two.rename(first.id, 'renamed by two.mp4');
    const expected = new Map([[first.id, filmOne], [second.id, filmTwo], [third.id, notes]]);
    for (const session of [one, two, await openVault(location, PASS, fast)]) {
      expect((await session.list()).map((i) => i.name).sort()).toEqual(['notes.json', 'renamed by two.mp4', 'two.mp4']);
      for (const [id, data] of expected) expect((await buffer(await session.openRange(id, 0))).equals(data)).toBe(true);
    }
  });

  it('fetches only the segments a range needs, in one request', async () => {
    const { location, raw } = await backend.fresh();
    const counting = new CountingStore(raw);
    const vault = await createVault(location, PASS, { ...fast, store: counting });
    const data = randomBytes(8 * MiB);
    const item = await vault.importFile(await file('clip.webm', data));
    await buffer(await vault.openRange(item.id, 0, 0));
    counting.reset();
    const got = await buffer(await vault.openRange(item.id, 5 * MiB + 100, 6 * MiB + 99));
    expect(got.equals(data.subarray(5 * MiB + 100, 6 * MiB + 100))).toBe(true);
    expect(counting.gets).toHaveLength(1);
    expect(counting.bytesFetched).toBeLessThanOrEqual(MiB + 2 * (64 * 1024 + 16));
  });

  it('tells the store how large the content object can get, which sizes its multipart parts', async () => {
    const { location, raw } = await backend.fresh();
    const hints = new Map<string, number | undefined>();
    const hinting = new (class extends CountingStore {
      override put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
        hints.set(key, options?.sizeHint);
        return super.put(key, body, options);
      }
    })(raw);
    const vault = await createVault(location, PASS, { ...fast, store: hinting });
    const item = await vault.importFile(await file('clip.mp4', randomBytes(3 * MiB)));
    const stored = (await raw.head(contentKey(item.id)))!.size;
    expect(hints.get(contentKey(item.id))).toBeGreaterThanOrEqual(stored);
    expect(hints.get(contentKey(item.id))).toBeLessThan(stored * 1.01);
  });

  it.each([
    ['a plain', 'clip.mp4', randomBytes(3 * MiB)],
    ['an indexed', 'library.jsonl', jsonLines(3 * MiB)],
  ])('reads %s item\'s header and tail together on its first read, then only the range', async (_layout, name, data) => {
    const { location, raw } = await backend.fresh();
    let open = 0;
    let mostOpen = 0;
    const watching = new (class extends CountingStore {
      override async get(key: string, options?: GetOptions): Promise<Readable> {
        if (!key.startsWith('c/')) return super.get(key, options);
        // In flight from the call until the store answers.
        mostOpen = Math.max(mostOpen, ++open);
        try {
          return await super.get(key, options);
        } finally {
          open--;
        }
      }
    })(raw);
    const vault = await createVault(location, PASS, { ...fast, store: watching });
    const item = await vault.importFile(await file(name, data));
    const fresh = await openVault(location, PASS, { ...fast, store: watching });
    watching.reset();
    const got = await buffer(await fresh.openRange(item.id, MiB, MiB + 99));
    expect(got.equals(data.subarray(MiB, MiB + 100))).toBe(true);
    expect(watching.gets.filter((g) => g.key === contentKey(item.id))).toHaveLength(3);
    expect(mostOpen).toBe(2);
  });

  it('fetches only the segments a range needs from a compressed item too', async () => {
    const { location, raw } = await backend.fresh();
    const counting = new CountingStore(raw);
    const vault = await createVault(location, PASS, { ...fast, store: counting });
    const text = jsonLines(4 * MiB);
    const item = await vault.importFile(await file('library.jsonl', text));
    expect(item.compressed).toBe(true);
    const stored = (await raw.head(contentKey(item.id)))!.size;
    await buffer(await vault.openRange(item.id, 0, 0));
    counting.reset();
    const got = await buffer(await vault.openRange(item.id, 2 * MiB + 7, 2 * MiB + 100_006));
    expect(got.equals(text.subarray(2 * MiB + 7, 2 * MiB + 100_007))).toBe(true);
    expect(counting.gets).toHaveLength(1);
    // Three 64 KiB segments at most, deflated: a small part of the object.
    expect(counting.bytesFetched).toBeLessThan(stored / 8);
  });

  it('hands out each decrypted chunk in memory of its own that nothing writes again, as media bodies require', async () => {
    const { location } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const data = randomBytes(3 * MiB);
    const item = await vault.importFile(await file('clip.mp4', data));
    const chunks: Buffer[] = [];
    const stream = await vault.openRange(item.id, 100_000, 2 * MiB + 99);
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    const snapshot = Buffer.concat(chunks);
    expect(snapshot.equals(data.subarray(100_000, 2 * MiB + 100))).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.buffer)).size).toBe(chunks.length);
    // Later reads must not reuse what an earlier one handed out.
    await buffer(await vault.openRange(item.id, 0));
    expect(Buffer.concat(chunks).equals(snapshot)).toBe(true);
  });

  it('aborts the storage request when the consumer stops reading early (a seek)', async () => {
    const { location, raw } = await backend.fresh();
    const counting = new CountingStore(raw);
    const vault = await createVault(location, PASS, { ...fast, store: counting });
    const item = await vault.importFile(await file('movie.mp4', randomBytes(32 * MiB)));
    await buffer(await vault.openRange(item.id, 0, 0));
    counting.reset();
    const stream = await vault.openRange(item.id, 0);
    for await (const _chunk of stream) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [get] = counting.gets;
    expect(get?.destroyedEarly).toBe(true);
    expect(get?.closed).toBe(true);
    expect(get!.bytes).toBeLessThan(8 * MiB);
  });

  it('reports a tampered content object with the chunk number and releases nothing wrong', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const data = randomBytes(300 * 1024);
    const item = await vault.importFile(await file('photo.raw', data));
    const stored = await buffer(await raw.get(contentKey(item.id)));
    stored[80 + 2 * (65536 + 16) + 5]! ^= 1;
    await raw.put(contentKey(item.id), Readable.from([stored]));
    const fresh = await openVault(location, PASS, fast);
    const read = await fresh.openRange(item.id, 0);
    const received: Buffer[] = [];
    const failure = await (async () => {
      for await (const chunk of read) received.push(chunk as Buffer);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CorruptObjectError);
    expect((failure as CorruptObjectError).chunk).toBe(2);
    const got = Buffer.concat(received);
    expect(got.equals(data.subarray(0, got.length))).toBe(true);
    const [result] = await fresh.verify();
    expect(result).toMatchObject({ ok: false, error: { code: 'CORRUPT_OBJECT', chunk: 2 } });
  });

  it('refuses a footer that claims a huge index without requesting it from storage', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const item = await vault.importFile(await file('library.jsonl', jsonLines(4 * MiB)));
    const stored = await buffer(await raw.get(contentKey(item.id)));
    // The largest whole index the object could hold: nearly all of it, an allocation as big as the item.
    stored.writeUInt32BE(20 + 9 * Math.floor((stored.length - 200) / 9), stored.length - 8);
    await raw.put(contentKey(item.id), Readable.from([stored]));
    const counting = new CountingStore(raw);
    const fresh = await openVault(location, PASS, { ...fast, store: counting });
    await expect(fresh.openRange(item.id, 0)).rejects.toMatchObject({ code: 'CORRUPT_OBJECT', message: expect.stringContaining('footer claims an index') });
    const requested = counting.gets.filter((g) => g.key === contentKey(item.id)).map((g) => g.end! - g.start! + 1);
    expect(requested.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(80 + 128 * 1024);
  });

  it.each([
    ['appended after', (stored: Buffer) => Buffer.concat([stored, randomBytes(1000)]), '1000 bytes more'],
    ['cut from', (stored: Buffer) => stored.subarray(0, stored.length - 16), '16 bytes fewer'],
  ])('verify reports bytes %s the authenticated end of an item, naming it', async (_what, tamper, says) => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const kept = await vault.importFile(await file('kept.mp4', randomBytes(100_000)));
    const victim = await vault.importFile(await file('victim.mp4', randomBytes(200_000)));
    await raw.put(contentKey(victim.id), Readable.from([tamper(await buffer(await raw.get(contentKey(victim.id))))]));
    const results = await (await openVault(location, PASS, fast)).verify();
    expect(results.find((r) => r.id === kept.id)).toMatchObject({ ok: true });
    expect(results.find((r) => r.id === victim.id)).toMatchObject({
      ok: false,
      name: 'victim.mp4',
      error: { code: 'CORRUPT_OBJECT', message: expect.stringContaining(says) },
    });
  });

  it('removes content of its own whose metadata never came (an upload cut between its two puts) on an open, once old enough', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const orphan = await vault.importFile(await file('cut.bin', randomBytes(500)));
    await raw.delete(metadataKey(orphan.id));
    vault.lock();
    const young = await openVault(location, PASS, fast);
    expect(await young.list()).toEqual([]);
    expect(await raw.head(contentKey(orphan.id))).toBeDefined();
    await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH });
    expect(await raw.head(contentKey(orphan.id))).toBeUndefined();
  });

  it('never removes what it cannot prove is its own: random bytes or a short object under an item id, another vault\'s object, its own object under another id, or a key of no vault shape', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const other = await backend.fresh();
    const theirs = await (await createVault(other.location, PASS, fast)).importFile(await file('theirs.bin', randomBytes(500)));
    const ours = await vault.importFile(await file('ours.bin', randomBytes(500)));
    const orphan = await vault.importFile(await file('orphan.bin', randomBytes(500)));
    await raw.delete(metadataKey(orphan.id));
    const foreign: Record<string, Buffer> = {
      [contentKey('aaaaaaaaaaaaaaaaaaaaaaaaaa')]: randomBytes(500),
      [contentKey('bbbbbbbbbbbbbbbbbbbbbbbbbb')]: Buffer.from('COFFER'),
      [contentKey(theirs.id)]: await buffer(await other.raw.get(contentKey(theirs.id))),
      [contentKey('cccccccccccccccccccccccccc')]: await buffer(await raw.get(contentKey(ours.id))),
      'c/src/main.c': Buffer.from('int main(void) { return 0; }\n'),
      'c/invoice.txt': Buffer.from('invoice'),
      'm/notes.txt': Buffer.from('notes'),
    };
    for (const [key, bytes] of Object.entries(foreign)) await raw.put(key, Readable.from([bytes]));
    vault.lock();
    await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH });
    expect(await raw.head(contentKey(orphan.id))).toBeUndefined();
    expect(await raw.head(contentKey(ours.id))).toBeDefined();
    for (const [key, bytes] of Object.entries(foreign)) expect((await buffer(await raw.get(key))).equals(bytes), key).toBe(true);
  });

  it('opens with a key that may read but not remove leftovers, and leaves them for a later open', async () => {
    const { location, raw } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    const item = await vault.importFile(await file('kept.txt', Buffer.from('still readable')));
    const orphan = await vault.importFile(await file('cut.bin', randomBytes(500)));
    await raw.delete(metadataKey(orphan.id));
    const denied = () => new CofferError('ACCESS_DENIED', 'the key may not do that');
    const readOnly = new (class extends CountingStore {
      override delete(): Promise<void> {
        return Promise.reject(denied());
      }
      override cleanupIncomplete(): Promise<number> {
        return Promise.reject(denied());
      }
    })(raw);
    const opened = await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH, store: readOnly });
    expect((await buffer(await opened.openRange(item.id, 0))).toString()).toBe('still readable');
    expect(await raw.head(contentKey(orphan.id))).toBeDefined();
    await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH });
    expect(await raw.head(contentKey(orphan.id))).toBeUndefined();
  });

  it('refuses to create a vault where anything else is, with LOCATION_NOT_EMPTY naming the place and a subfolder to use, and writes nothing', async () => {
    const { location, raw } = await backend.fresh();
    if (location.kind === 'folder') await mkdir(location.path);
    await raw.put('holiday/notes.txt', Readable.from([Buffer.from('mine')]));
    const before = await keysOf(raw);
    const entries = location.kind === 'folder' ? await readdir(location.path, { recursive: true }) : [];
    const refusal = await createVault(location, PASS, fast).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CofferError);
    const { code, message } = refusal as CofferError;
    const suggested: VaultLocation =
      location.kind === 'folder' ? { kind: 'folder', path: join(location.path, 'Coffer') } : { ...location, prefix: `${location.prefix}/coffer` };
    if (location.kind === 'folder') {
      expect({ code, message }).toEqual({
        code: 'LOCATION_NOT_EMPTY',
        message: `${location.path} holds other files (such as "holiday"); a vault needs an empty folder of its own: try ${join(location.path, 'Coffer')}`,
      });
      expect(await readdir(location.path, { recursive: true })).toEqual(entries);
    } else {
      expect({ code, message }).toEqual({
        code: 'LOCATION_NOT_EMPTY',
        message: `${raw.location} holds other objects (such as "holiday/notes.txt"); choose an empty prefix such as ${raw.location}coffer/`,
      });
      const bucketRoot = new RegExp(`^s3://${location.bucket}/ holds other objects \\(such as ".+"\\); choose an empty prefix such as s3://${location.bucket}/coffer/$`);
      await expect(createVault({ ...location, prefix: '' }, PASS)).rejects.toMatchObject({ code: 'LOCATION_NOT_EMPTY', message: expect.stringMatching(bucketRoot) });
    }
    expect(await keysOf(raw)).toEqual(before);
    (await createVault(suggested, PASS, fast)).lock();
    const after = await keysOf(raw);
    expect([...after].filter(([key]) => !before.has(key)).map(([key]) => key)).toEqual([location.kind === 'folder' ? 'Coffer/coffer-vault.json' : 'coffer/coffer-vault.json']);
    expect(new Map([...after].filter(([key]) => before.has(key)))).toEqual(before);
  });

  it('creates a vault where there is nothing, or only files the OS leaves in folders (.DS_Store, Thumbs.db, desktop.ini) and a bucket console\'s folder marker', async () => {
    const { location, raw } = await backend.fresh();
    if (location.kind === 'folder') await mkdir(location.path);
    else await createS3Client(location).send(new PutObjectCommand({ Bucket: location.bucket, Key: `${location.prefix}/`, Body: Buffer.alloc(0) }));
    const litter = ['.DS_Store', 'Thumbs.db', 'desktop.ini'];
    for (const name of litter) await raw.put(name, Readable.from([Buffer.from(`${name} of the OS`)]));
    const vault = await createVault(location, PASS, fast);
    await vault.importFile(await file('kept.txt', Buffer.from('kept')));
    vault.lock();
    await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH });
    for (const name of litter) expect((await buffer(await raw.get(name))).toString()).toBe(`${name} of the OS`);
    const empty = await backend.fresh();
    (await createVault(empty.location, PASS, fast)).lock();
  });

  it('reopens from the metadata cache without refetching unchanged items', async () => {
    const { location, raw } = await backend.fresh();
    const cacheDir = await makeTempDir('coffer-cache');
    const vault = await createVault(location, PASS, fast);
    for (let i = 0; i < 5; i++) await vault.importFile(await file(`f${i}.txt`, Buffer.from(`file ${i}`)));
    const first = new CountingStore(raw);
    expect(await (await openVault(location, PASS, { ...fast, cacheDir, store: first })).list()).toHaveLength(5);
    expect(first.gets.filter((g) => g.key.startsWith('m/'))).toHaveLength(5);
    const extra = await vault.importFile(await file('late.txt', Buffer.from('late')));
    await vault.rename(extra.id, 'renamed.txt');
    const second = new CountingStore(raw);
    const items = await (await openVault(location, PASS, { ...fast, cacheDir, store: second })).list();
    expect(items.map((i) => i.name)).toContain('renamed.txt');
    expect(second.gets.filter((g) => g.key.startsWith('m/')).map((g) => g.key)).toEqual([metadataKey(extra.id)]);
    const cacheFiles = await readdir(cacheDir);
    for (const name of cacheFiles) expect((await readFile(join(cacheDir, name), 'utf8')).includes('renamed')).toBe(false);
  });

  describe('noticing what storage checks cannot: items deleted or rolled back behind Coffer\'s back', () => {
    /** A vault with two items that a device (its own cache folder) has listed once. */
    async function listedByOneDevice() {
      const { location, raw } = await backend.fresh();
      const device = await makeTempDir('coffer-device');
      const vault = await createVault(location, PASS, { ...fast, cacheDir: device });
      const kept = await vault.importFile(await file('kept.txt', Buffer.from('kept')));
      const victim = await vault.importFile(await file('victim.mp4', randomBytes(1000)));
      await vault.list();
      return { location, raw, device, vault, kept, victim };
    }

    it('reports an item whose metadata and content were deleted, on every open until acknowledged', async () => {
      const { location, raw, device, kept, victim } = await listedByOneDevice();
      await raw.delete(metadataKey(victim.id));
      await raw.delete(contentKey(victim.id));
      const second = await openVault(location, PASS, { ...fast, cacheDir: device });
      expect((await second.list()).map((i) => i.id)).toEqual([kept.id]);
      const reported = [{ id: victim.id, kind: 'vanished', name: 'victim.mp4', seenRev: 0, detected: expect.any(String) }];
      expect(await second.anomalies()).toEqual(reported);
      const third = await openVault(location, PASS, { ...fast, cacheDir: device });
      expect(await third.anomalies()).toEqual(reported);
      expect(await third.acknowledgeAnomalies()).toEqual(reported);
      expect(await third.anomalies()).toEqual([]);
      expect(await (await openVault(location, PASS, { ...fast, cacheDir: device })).anomalies()).toEqual([]);
    });

    it('reports metadata put back to a revision older than this device saw', async () => {
      const { location, raw, device, vault, victim } = await listedByOneDevice();
      const before = await buffer(await raw.get(metadataKey(victim.id)));
      await vault.rename(victim.id, 'renamed.mp4');
      expect(await storedMetadata(raw, victim.id)).toMatchObject({ name: 'renamed.mp4', rev: 1 });
      await raw.put(metadataKey(victim.id), Readable.from([before]));
      const reopened = await openVault(location, PASS, { ...fast, cacheDir: device });
      expect((await reopened.item(victim.id)).name).toBe('victim.mp4');
      expect(await reopened.anomalies()).toEqual([
        { id: victim.id, kind: 'rolled-back', name: 'victim.mp4', seenRev: 1, foundRev: 0, detected: expect.any(String) },
      ]);
    });

    it('reports a deleted item brought back from before its deletion', async () => {
      const { location, raw, device, vault, victim } = await listedByOneDevice();
      const [meta, content] = [await buffer(await raw.get(metadataKey(victim.id))), await buffer(await raw.get(contentKey(victim.id)))];
      await vault.remove(victim.id);
      await raw.put(contentKey(victim.id), Readable.from([content]));
      await raw.put(metadataKey(victim.id), Readable.from([meta]));
      expect(await (await openVault(location, PASS, { ...fast, cacheDir: device })).anomalies()).toMatchObject([{ id: victim.id, kind: 'rolled-back', seenRev: 1, foundRev: 0 }]);
    });

    it('does not report a deletion made through Coffer on another device, nor anything on a device\'s first open', async () => {
      const { location, raw, device, vault, kept, victim } = await listedByOneDevice();
      const other = await makeTempDir('coffer-device');
      await (await openVault(location, PASS, { ...fast, cacheDir: other })).list();
      await vault.remove(victim.id);
      await raw.delete(metadataKey(kept.id));
      const first = await openVault(location, PASS, { ...fast, cacheDir: await makeTempDir('coffer-device') });
      expect(await first.list()).toEqual([]);
      expect(await first.anomalies()).toEqual([]);
      const onOther = await openVault(location, PASS, { ...fast, cacheDir: other });
      expect(await onOther.list()).toEqual([]);
      expect((await onOther.anomalies()).map((a) => [a.id, a.kind])).toEqual([[kept.id, 'vanished']]);
      expect((await (await openVault(location, PASS, { ...fast, cacheDir: device })).anomalies()).map((a) => a.id)).toEqual([kept.id]);
    });

    it('keeps working with metadata written before revisions: no rev member reads as revision 0', async () => {
      const { location, raw, device, victim } = await listedByOneDevice();
      expect(await storedMetadata(raw, victim.id)).not.toHaveProperty('rev');
      const reopened = await openVault(location, PASS, { ...fast, cacheDir: device });
      expect((await reopened.rename(victim.id, 'renamed.mp4')).name).toBe('renamed.mp4');
      expect(await storedMetadata(raw, victim.id)).toMatchObject({ rev: 1 });
      expect(await reopened.anomalies()).toEqual([]);
    });

    it('keeps the record sealed: no item name or id in the device\'s files', async () => {
      const { device, victim } = await listedByOneDevice();
      for (const name of await readdir(device)) {
        const bytes = await readFile(join(device, name));
        expect(bytes.includes('victim.mp4'), name).toBe(false);
        if (name.endsWith('.seen')) expect(bytes.includes(victim.id), name).toBe(false);
      }
    });
  });

  it('locks: every call after lock() is LOCKED', async () => {
    const { location } = await backend.fresh();
    const vault = await createVault(location, PASS, fast);
    vault.lock();
    await expect(vault.list()).rejects.toBeInstanceOf(CofferError);
    await expect(vault.list()).rejects.toMatchObject({ code: 'LOCKED' });
  });
});

describe('a folder vault', () => {
  afterAll(removeTempDirs);

  it('removes temp files of its own naming that interrupted uploads left, once they are old enough, and no other file in .tmp', async () => {
    const { location } = await localBackend.fresh();
    (await createVault(location, PASS, fast)).lock();
    if (location.kind !== 'folder') throw new Error('a folder backend gives folder locations');
    const own = `${randomBytes(16).toString('hex')}.part`;
    for (const name of [own, 'other.part', 'c.dead.partial']) await writeFile(join(location.path, '.tmp', name), randomBytes(100));
    await openVault(location, PASS, fast);
    expect((await readdir(join(location.path, '.tmp'))).sort()).toEqual([own, 'c.dead.partial', 'other.part'].sort());
    await openVault(location, PASS, { ...fast, cleanup: OLD_ENOUGH });
    expect((await readdir(join(location.path, '.tmp'))).sort()).toEqual(['c.dead.partial', 'other.part']);
  });

  it('refuses a folder whose .tmp holds anything but temp files of its own naming, and accepts one that holds only those', async () => {
    const { location } = await localBackend.fresh();
    if (location.kind !== 'folder') throw new Error('a folder backend gives folder locations');
    await mkdir(join(location.path, '.tmp'), { recursive: true });
    const leftover = join(location.path, '.tmp', `${randomBytes(16).toString('hex')}.part`);
    await writeFile(leftover, 'what a failed init left');
    await writeFile(join(location.path, '.tmp', 'notes.txt'), 'mine');
    await expect(createVault(location, PASS, fast)).rejects.toMatchObject({ code: 'LOCATION_NOT_EMPTY', message: expect.stringContaining('(such as ".tmp")') });
    await unlink(join(location.path, '.tmp', 'notes.txt'));
    (await createVault(location, PASS, fast)).lock();
    const longAgo = new Date(Date.now() - 30 * 3600_000);
    await utimes(leftover, longAgo, longAgo);
    await openVault(location, PASS, fast);
    expect(await readdir(join(location.path, '.tmp'))).toEqual([]);
  });

  it('refuses a folder holding only an empty subfolder: nothing in it is known to be the vault\'s', async () => {
    const { location } = await localBackend.fresh();
    if (location.kind !== 'folder') throw new Error('a folder backend gives folder locations');
    await mkdir(join(location.path, 'Photos'), { recursive: true });
    await expect(createVault(location, PASS, fast)).rejects.toMatchObject({ code: 'LOCATION_NOT_EMPTY' });
  });
});
