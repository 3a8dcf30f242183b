import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CofferError, KeyMismatchError, NotFoundError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { isItemId, METADATA_PREFIX, metadataKey, objectIdOf } from './storage-keys.js';
import { isTombstone, openMetadata, revisionOf, sealMetadata, type ItemMetadata, type MetadataRecord, type Tombstone } from './item-metadata.js';
import { mapLimit } from './map-limit.js';
import type { CachedMetadata, MetadataCache } from './metadata-cache.js';
import type { SeenRecord } from './seen-record.js';
import type { ObservedItem } from './seen-state.js';

/** Metadata objects fetched at once when (re)listing a vault. */
const FETCH_CONCURRENCY = 8;

interface Entry extends CachedMetadata {
  meta: MetadataRecord;
  /** Which of the catalog's keys it opened with: 0 is the current one. */
  keyIndex: number;
}

/** The master keys a catalog reads with, the current one (which writes) first, then retired ones mid-rekey. */
export type Keyring = readonly [Buffer, ...Buffer[]];

/** An item whose metadata object could not be read, with why. */
export interface UnreadableItem {
  id: string;
  error: CofferError;
}

/**
 * The vault's list of items: one sealed metadata object per item under `m/`, so two app instances
 * adding items at once never write the same object. Listing reads only metadata whose ETag changed
 * since last time (in memory, or in the on-disk cache of sealed objects). A deleted item's object
 * holds a tombstone, which is never listed as an item; with a SeenRecord, every listing is compared
 * with what this device saw before (see seen-state.ts).
 */
export class Catalog {
  private entries = new Map<string, Entry>();
  private unreadable: UnreadableItem[] = [];
  private cacheLoaded: Promise<Map<string, CachedMetadata>> | undefined;
  private writesStarted = 0;
  private writesFinished = 0;
  private refreshed = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly keys: Keyring,
    private readonly cache?: MetadataCache,
    private readonly seen?: SeenRecord,
  ) {}

  /** Re-lists the store and returns every readable item, newest first. */
  async refresh(): Promise<ItemMetadata[]> {
    this.cacheLoaded ??= this.cache?.load() ?? Promise.resolve(new Map());
    const cached = await this.cacheLoaded;
    const writesBefore = this.writesStarted;
    const quiet = writesBefore === this.writesFinished;
    const listed = [];
    for await (const info of this.store.list(METADATA_PREFIX)) {
      const id = info.key.slice(METADATA_PREFIX.length);
      if (isItemId(id)) listed.push({ id, etag: info.etag });
    }
    const unreadable: UnreadableItem[] = [];
    const next = new Map<string, Entry>();
    let fetched = 0;
    await mapLimit(listed, FETCH_CONCURRENCY, async ({ id, etag }) => {
      const inMemory = this.entries.get(id);
      const onDisk = cached.get(id);
      try {
        if (inMemory?.etag === etag) {
          next.set(id, inMemory);
          return;
        }
        if (onDisk?.etag === etag) {
          next.set(id, { ...onDisk, ...(await this.open(id, onDisk.sealed)) });
          return;
        }
        const sealed = await buffer(await this.store.get(metadataKey(id)));
        fetched += 1;
        next.set(id, { etag, sealed, ...(await this.open(id, sealed)) });
      } catch (error) {
        if (error instanceof NotFoundError) return; // deleted between list and get
        if (!(error instanceof CofferError) || error.code !== 'CORRUPT_OBJECT' && error.code !== 'KEY_MISMATCH') throw error;
        unreadable.push({ id, error });
      }
    });
    const changed = fetched > 0 || next.size !== cached.size;
    this.entries = next;
    this.unreadable = unreadable;
    this.refreshed = true;
    if (changed && this.cache) {
      const snapshot = new Map([...next].map(([id, e]) => [id, { etag: e.etag, sealed: e.sealed }]));
      this.cacheLoaded = Promise.resolve(snapshot);
      await this.cache.save(snapshot).catch(() => undefined);
    }
    // A listing that overlapped one of this catalog's writes may show an item as it was before the
    // write, which would pass for a rollback; such a listing is not compared, the next one is.
    if (this.seen && quiet && this.writesStarted === writesBefore) {
      const observed = new Map([...next].map(([id, e]) => [id, observedOf(e.meta)]));
      await this.seen.observe(observed, new Set(unreadable.map((u) => u.id)));
    }
    return this.items();
  }

  /**
   * Items as of the last refresh or change, newest first. Mid-rekey, an item whose re-encrypted copy
   * is listed too is left out, so nothing shows twice.
   */
  items(): ItemMetadata[] {
    const items = this.itemsWithKeys().map((e) => e.meta);
    const superseded = new Set(items.flatMap((meta) => (meta.rekeyedFrom ? [meta.rekeyedFrom] : [])));
    return items.filter((meta) => !superseded.has(meta.id)).sort((a, b) => b.added.localeCompare(a.added) || a.name.localeCompare(b.name));
  }

  /** Every item of the last refresh (no tombstones), superseded ones included, with the index of the key it is under. */
  itemsWithKeys(): { meta: ItemMetadata; keyIndex: number }[] {
    return [...this.entries.values()].flatMap(({ meta, keyIndex }) => (isTombstone(meta) ? [] : [{ meta, keyIndex }]));
  }

  /** Tombstones of the last refresh still sealed under a retired key, which a rekey must reseal before it drops that key. */
  retiredTombstones(): Tombstone[] {
    return [...this.entries.values()].flatMap(({ meta, keyIndex }) => (isTombstone(meta) && keyIndex > 0 ? [meta] : []));
  }

  /** Seals a tombstone again under the current key, unchanged (the same revision). */
  reseal(tombstone: Tombstone): Promise<void> {
    return this.write(tombstone);
  }

  /** True once the store has been listed: until then the catalog knows only what it wrote. */
  get listed(): boolean {
    return this.refreshed;
  }

  /** Bytes of every metadata object as of the last refresh or change, tombstones included. */
  metadataBytes(): number {
    let total = 0;
    for (const { sealed } of this.entries.values()) total += sealed.length;
    return total;
  }

  /** Metadata objects the last refresh could not open (tampered, or written under another key). */
  problems(): readonly UnreadableItem[] {
    return this.unreadable;
  }

  /** One item by exact id; refreshes once if it is not known yet (another instance may have added it). */
  async get(id: string): Promise<ItemMetadata> {
    if (!this.entries.has(id)) await this.refresh();
    const meta = this.entries.get(id)?.meta;
    if (!meta || isTombstone(meta)) throw new NotFoundError(`item ${id}`);
    return meta;
  }

  /**
   * An item by id, unambiguous id prefix, or exact name. Several matches is AMBIGUOUS, listing them,
   * so a script never acts on the wrong item.
   */
  async resolve(ref: string): Promise<ItemMetadata> {
    const items = await this.refresh();
    const exact = items.find((m) => m.id === ref);
    if (exact) return exact;
    const byName = items.filter((m) => m.name === ref);
    const byPrefix = ref.length >= 4 ? items.filter((m) => m.id.startsWith(ref)) : [];
    const matches = [...new Set([...byName, ...byPrefix])];
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) throw new NotFoundError(`item "${ref}"`);
    throw new CofferError('AMBIGUOUS', `"${ref}" matches ${matches.length} items: ${matches.map((m) => `${m.id} (${m.name})`).join(', ')}`);
  }

  /** Writes (or overwrites) an item's metadata; once this resolves the item is listed. */
  put(meta: ItemMetadata): Promise<void> {
    return this.write(meta);
  }

  /**
   * Rewrites an item's metadata at the next revision. The revision follows the stored metadata, not
   * this catalog's copy, which another device may have outdated: a lower revision is a rollback.
   */
  async revise(id: string, change: (meta: ItemMetadata) => ItemMetadata): Promise<ItemMetadata> {
    const latest = await this.latest(id);
    if (!latest || isTombstone(latest)) throw new NotFoundError(`item ${id}`);
    const next = { ...change(latest), rev: revisionOf(latest) + 1 };
    await this.write(next);
    return next;
  }

  /** Replaces an item's metadata with a tombstone one revision on, so other devices see it was deleted. */
  async remove(id: string): Promise<void> {
    const latest = (await this.latest(id)) ?? this.entries.get(id)?.meta;
    if (latest && isTombstone(latest)) return;
    await this.write({ v: 1, id, deleted: true, rev: latest ? revisionOf(latest) + 1 : 0 });
  }

  private async write(record: MetadataRecord): Promise<void> {
    this.writesStarted += 1;
    try {
      const key = metadataKey(record.id);
      const sealed = await sealMetadata(this.keys[0], objectIdOf(key), record);
      const info = await this.store.put(key, Readable.from([sealed]), { sizeHint: sealed.length });
      this.entries.set(record.id, { etag: info.etag, sealed, meta: record, keyIndex: 0 });
      await this.seen?.note(record.id, observedOf(record));
    } finally {
      this.writesFinished += 1;
    }
  }

  /** The item's metadata as stored now; undefined when there is none. */
  private async latest(id: string): Promise<MetadataRecord | undefined> {
    try {
      return (await this.open(id, await buffer(await this.store.get(metadataKey(id))))).meta;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Forgets every decrypted entry (on lock); a later refresh would list afresh. */
  clear(): void {
    this.entries = new Map();
    this.unreadable = [];
    this.refreshed = false;
  }

  /** Opens with each key in turn; the key commitment turns a wrong key away before anything is decrypted. */
  private async open(id: string, sealed: Buffer): Promise<{ meta: MetadataRecord; keyIndex: number }> {
    for (const [keyIndex, key] of this.keys.entries()) {
      try {
        return { meta: await openMetadata(key, objectIdOf(metadataKey(id)), id, sealed), keyIndex };
      } catch (error) {
        if (!(error instanceof KeyMismatchError) || keyIndex === this.keys.length - 1) throw error;
      }
    }
    throw new KeyMismatchError(objectIdOf(metadataKey(id)));
  }
}

function observedOf(record: MetadataRecord): ObservedItem {
  return isTombstone(record) ? { rev: record.rev, deleted: true } : { rev: revisionOf(record), deleted: false, name: record.name };
}
