import type { Catalog } from '../catalog/catalog.js';
import type { ItemMetadata } from '../catalog/item-metadata.js';
import { CONTENT_PREFIX, contentKey } from '../catalog/storage-keys.js';
import { reencryptItem } from '../pipeline/reencrypt.js';
import type { RangedReader } from '../pipeline/ranged-read.js';
import { throwIfAborted } from '../store/abort.js';
import type { ObjectStore } from '../store/object-store.js';

/**
 * [Note: rekey] `passwd` rewraps the master key, so an old copy of the config (a versioned bucket, a
 * backup, sync history) still opens with the old passphrase and still yields a key to everything.
 * A rekey replaces the master key itself:
 *
 * 1. One config write: a new random master key behind a slot for the new passphrase, and the old
 *    key wrapped under the new one as `retired`. From then on sessions read with both keys; the key
 *    commitment of each object's header says at once which key it is under.
 * 2. Item by item, each item still under the old key is re-encrypted as a new item (reencryptItem):
 *    content uploaded and read back in full, then metadata with `rekeyedFrom`. Only then are the old
 *    metadata replaced by a tombstone and the content deleted, in that order.
 * 3. When no item is left under the old key, the tombstones of deleted items still under it are
 *    sealed again under the new one, then a second config write drops `retired`; the old key is
 *    zeroed.
 *
 * Any step can be interrupted. Running it again continues: items under the old key are copied, and
 * an old item whose copy already exists (a crash between the copy and the deletes) is only deleted.
 * Listing never shows both (Catalog.items). Items change ids. A device that still holds the old
 * config cannot read the copies and should unlock again; one that adds items under the old key while
 * the rekey runs gets them re-encrypted too, if they appear before the last pass.
 */

export interface RekeyProgress {
  /** The item's id before and after. */
  from: string;
  to: string;
  name: string;
}

export interface MoveResult {
  /** Items moved to the current key by this run. */
  reencrypted: number;
  /** Items still under a retired key (added elsewhere during the last pass): run again. */
  remaining: number;
  /** Metadata objects that open under no key at all (damaged); a retired key cannot help them. */
  unreadable: number;
}

/** Passes over the catalog before giving up on items that keep being added under the old key. */
const MAX_PASSES = 3;

/** Re-encrypts every item under a retired key with `currentKey` ([Note: rekey] step 2). */
export async function moveItemsToCurrentKey(
  store: ObjectStore,
  catalog: Catalog,
  reader: RangedReader,
  currentKey: Buffer,
  options: { signal?: AbortSignal; onItem?: (progress: RekeyProgress) => void } = {},
): Promise<MoveResult> {
  const { signal, onItem } = options;
  let reencrypted = 0;
  for (let pass = 0; ; pass++) {
    await catalog.refresh();
    const items = catalog.itemsWithKeys();
    const old = items.filter((i) => i.keyIndex > 0).map((i) => i.meta);
    const copies = new Map<string, ItemMetadata>();
    for (const { meta, keyIndex } of items) if (keyIndex === 0 && meta.rekeyedFrom) copies.set(meta.rekeyedFrom, meta);
    if (old.length === 0) {
      // A deleted item's tombstone must stay readable once the old key is gone, or it would read as damage.
      for (const tombstone of catalog.retiredTombstones()) await catalog.reseal(tombstone);
      await removeContentLeftBehind(store, copies);
      return { reencrypted, remaining: 0, unreadable: catalog.problems().length };
    }
    if (pass === MAX_PASSES) return { reencrypted, remaining: old.length, unreadable: catalog.problems().length };
    for (const meta of old) {
      throwIfAborted(signal, 'rekey');
      const copy = copies.get(meta.id) ?? (await reencryptItem(store, catalog, reader, currentKey, meta, signal));
      await catalog.remove(meta.id);
      await store.delete(contentKey(meta.id));
      reencrypted += 1;
      onItem?.({ from: meta.id, to: copy.id, name: meta.name });
    }
  }
}

/** Content of originals whose metadata an interrupted run already deleted. */
async function removeContentLeftBehind(store: ObjectStore, copies: ReadonlyMap<string, ItemMetadata>): Promise<void> {
  const left: string[] = [];
  for await (const info of store.list(CONTENT_PREFIX)) {
    const id = info.key.slice(CONTENT_PREFIX.length);
    if (copies.has(id)) left.push(info.key);
  }
  for (const key of left) await store.delete(key);
}
