import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { replacePrivateFile } from './private-file.js';

/** One metadata object as stored: still sealed, so the cache on disk holds no plaintext. */
export interface CachedMetadata {
  etag: string;
  sealed: Buffer;
}

const cacheFileSchema = z.object({
  v: z.literal(1),
  entries: z.record(z.string(), z.object({ etag: z.string(), sealed: z.base64() })),
});

/**
 * A per-vault file of sealed metadata objects keyed by their storage ETag, so reopening a vault of
 * thousands of items lists once and fetches only what changed. It is an optimisation: a missing or
 * damaged file is just an empty cache.
 */
export class MetadataCache {
  private readonly file: string;

  constructor(dir: string, vaultId: string) {
    this.file = join(dir, `${vaultId}.metadata.json`);
  }

  async load(): Promise<Map<string, CachedMetadata>> {
    try {
      const parsed = cacheFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (!parsed.success) return new Map();
      return new Map(Object.entries(parsed.data.entries).map(([id, e]) => [id, { etag: e.etag, sealed: Buffer.from(e.sealed, 'base64') }]));
    } catch {
      return new Map();
    }
  }

  async save(entries: ReadonlyMap<string, CachedMetadata>): Promise<void> {
    const json = { v: 1, entries: Object.fromEntries([...entries].map(([id, e]) => [id, { etag: e.etag, sealed: e.sealed.toString('base64') }])) };
    await replacePrivateFile(this.file, JSON.stringify(json));
  }
}
