import { createHash, hkdfSync, timingSafeEqual, type Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Catalog } from '../catalog/catalog.js';
import type { ItemMetadata } from '../catalog/item-metadata.js';
import { contentKey, newItemId, objectIdOf } from '../catalog/storage-keys.js';
import { AbortedError, CorruptObjectError, isAbort } from '../errors.js';
import { DEFAULT_CHUNK_SIZE } from '../format/constants.js';
import { SealStream } from '../format/seal-stream.js';
import type { ObjectStore } from '../store/object-store.js';
import { RangedReader } from './ranged-read.js';
import { maxStoredSize } from './upload.js';

/**
 * The id of an item's copy under `newKey`. Derived rather than random, so that a rekey resumed after
 * a crash mid-copy overwrites its own half-made content object instead of leaving it for the cleanup.
 * It says nothing to the storage: without the key it is as random as any id.
 */
export function rekeyedId(newKey: Buffer, oldId: string): string {
  return newItemId(Buffer.from(hkdfSync('sha256', newKey, Buffer.alloc(0), `coffer v1 rekey id ${oldId}`, 17)));
}

function hashing(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

async function plaintextDigest(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest();
}

/**
 * Re-encrypts one item under `newKey` as a new item (id from rekeyedId): its plaintext streams from
 * `reader`, which holds the old key, into a new content object; that object is read back in full under
 * the new key alone and must give the same SHA-256; only then is the copy's metadata written, with
 * `rekeyedFrom` naming the original. On failure the new content object is removed; the original is
 * never touched here. `catalog` must write with `newKey`.
 */
export async function reencryptItem(store: ObjectStore, catalog: Catalog, reader: RangedReader, newKey: Buffer, meta: ItemMetadata, signal?: AbortSignal): Promise<ItemMetadata> {
  const id = rekeyedId(newKey, meta.id);
  const key = contentKey(id);
  const original = createHash('sha256');
  const seal = new SealStream({ masterKey: newKey, objectId: objectIdOf(key), compress: meta.compressed });
  try {
    const source = await reader.open(meta, 0, undefined, signal);
    const [piped, stored] = await Promise.allSettled([
      pipeline(source, hashing(original), seal, { signal }),
      store.put(key, seal, { signal, sizeHint: maxStoredSize(meta.size) }),
    ]);
    if (stored.status === 'rejected') throw stored.reason;
    if (piped.status === 'rejected') throw piped.reason;
    const copy: ItemMetadata = { ...meta, id, storedSize: stored.value.size, chunkSize: DEFAULT_CHUNK_SIZE, rekeyedFrom: meta.id };
    const readBack = await plaintextDigest(await new RangedReader(store, [newKey]).open(copy, 0, undefined, signal));
    if (!timingSafeEqual(readBack, original.digest())) throw new CorruptObjectError(objectIdOf(key), 'the re-encrypted copy does not read back as the original');
    await catalog.put(copy);
    return copy;
  } catch (error) {
    seal.destroy();
    await store.delete(key).catch(() => undefined);
    if (isAbort(error) || signal?.aborted) throw new AbortedError(`re-encryption of ${meta.name}`);
    throw error;
  }
}
