import { CONTENT_PREFIX, METADATA_PREFIX } from '../catalog/storage-keys.js';
import type { ObjectStore } from '../store/object-store.js';

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

export async function cleanupInterrupted(store: ObjectStore, ages: CleanupAges, now = Date.now()): Promise<{ orphans: number; incomplete: number }> {
  const described = new Set<string>();
  for await (const info of store.list(METADATA_PREFIX)) described.add(info.key.slice(METADATA_PREFIX.length));
  const orphans: string[] = [];
  for await (const info of store.list(CONTENT_PREFIX)) {
    const id = info.key.slice(CONTENT_PREFIX.length);
    if (!described.has(id) && info.lastModified.getTime() <= now - ages.orphanAfterMs) orphans.push(info.key);
  }
  for (const key of orphans) await store.delete(key);
  const incomplete = await store.cleanupIncomplete(new Date(now - ages.incompleteAfterMs));
  return { orphans: orphans.length, incomplete };
}
