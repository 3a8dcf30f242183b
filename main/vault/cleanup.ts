import { CONTENT_PREFIX, METADATA_PREFIX } from './storage-keys.js';
import type { ObjectStore } from '../store/object-store.js';

export interface CleanupAges {
  /** Content without metadata older than this is an upload that died between its two puts. */
  orphanAfterMs: number;
  /** Temp files and multipart uploads older than this belong to no live upload. */
  incompleteAfterMs: number;
}

/**
 * Removes what interrupted uploads left. Ages protect uploads that another app instance still has
 * under way: its content object appears only when complete and its metadata follows at once, and a
 * multipart upload of a large file can run for hours.
 */
export const DEFAULT_CLEANUP_AGES: CleanupAges = { orphanAfterMs: 60 * 60 * 1000, incompleteAfterMs: 24 * 60 * 60 * 1000 };

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
