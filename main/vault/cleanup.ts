import { buffer } from 'node:stream/consumers';
import { CONTENT_PREFIX, METADATA_PREFIX, isItemId, objectIdOf } from '../catalog/storage-keys.js';
import { CorruptObjectError, KeyMismatchError, NotFoundError, UnsupportedVersionError } from '../errors.js';
import { HEADER_LENGTH } from '../format/constants.js';
import { openHeader } from '../format/header.js';
import type { KeyScope, ObjectInfo, ObjectStore } from '../store/object-store.js';

export interface CleanupAges {
  /** Content without metadata older than this is an upload that died between its two puts. */
  orphanAfterMs: number;
  /** Temp files and multipart uploads older than this belong to no live upload. */
  incompleteAfterMs: number;
}

const HOUR = 60 * 60 * 1000;

/**
 * Removes what interrupted uploads left. Ages protect uploads that another app instance still has
 * under way: a multipart upload of a large file can run for hours, and its content object appears
 * only when complete, with its metadata following at once. S3 dates a multipart object from the
 * start of its upload, so content must look older than any upload can run (uploads older than that
 * are aborted) before its lack of metadata makes it an orphan.
 */
export const DEFAULT_CLEANUP_AGES: CleanupAges = { orphanAfterMs: 25 * HOUR, incompleteAfterMs: 24 * HOUR };

/**
 * [Note: Cleanup touches only what is provably the vault's]
 * A vault may share its folder or prefix with files that are not Coffer's (vaults made before
 * createVault refused such places, or files added beside it later). So cleanup looks only at keys of
 * the vault's own shapes, `c/<id>` and `m/<id>` with an item id, and removes content only when its
 * header authenticates under this vault's master key: a name can be chosen by anyone, a key
 * commitment cannot. The config is never a multipart upload (it is far below one part, which
 * lib-storage sends as one PutObject); metadata objects are single puts too, but `m/` is in scope so
 * that one which ever is not would still be tidied.
 */
const VAULT_OBJECTS: KeyScope = {
  prefixes: [CONTENT_PREFIX, METADATA_PREFIX],
  includes: (key) => itemIdIn(key, CONTENT_PREFIX) !== undefined || itemIdIn(key, METADATA_PREFIX) !== undefined,
};

export async function cleanupInterrupted(
  store: ObjectStore,
  masterKey: Buffer,
  ages: CleanupAges,
  now = Date.now(),
): Promise<{ orphans: number; incomplete: number }> {
  const described = new Set<string>();
  for await (const info of store.list(METADATA_PREFIX)) {
    const id = itemIdIn(info.key, METADATA_PREFIX);
    if (id !== undefined) described.add(id);
  }
  const candidates: ObjectInfo[] = [];
  for await (const info of store.list(CONTENT_PREFIX)) {
    const id = itemIdIn(info.key, CONTENT_PREFIX);
    if (id !== undefined && !described.has(id) && info.lastModified.getTime() <= now - ages.orphanAfterMs) candidates.push(info);
  }
  let orphans = 0;
  for (const info of candidates) {
    if (!(await isOwnObject(store, info, masterKey))) continue;
    await store.delete(info.key);
    orphans += 1;
  }
  const incomplete = await store.cleanupIncomplete(new Date(now - ages.incompleteAfterMs), VAULT_OBJECTS);
  return { orphans, incomplete };
}

/** The item id `key` names under `prefix`, if it is exactly `<prefix><id>`. */
function itemIdIn(key: string, prefix: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const id = key.slice(prefix.length);
  return isItemId(id) ? id : undefined;
}

/** Whether the object's header authenticates under `masterKey` for its own name (one ranged read). */
async function isOwnObject(store: ObjectStore, info: ObjectInfo, masterKey: Buffer): Promise<boolean> {
  if (info.size < HEADER_LENGTH) return false;
  try {
    const header = await buffer(await store.get(info.key, { start: 0, end: HEADER_LENGTH - 1 }));
    openHeader(header, masterKey, objectIdOf(info.key));
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false; // removed meanwhile
    if (error instanceof CorruptObjectError || error instanceof KeyMismatchError || error instanceof UnsupportedVersionError) return false;
    throw error;
  }
}
