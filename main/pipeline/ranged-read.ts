import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { Keyring } from '../catalog/catalog.js';
import type { ItemMetadata } from '../catalog/item-metadata.js';
import { buffer } from 'node:stream/consumers';
import { CorruptObjectError } from '../errors.js';
import { readLayout, type ObjectLayout } from '../format/layout.js';
import { OpenStream } from '../format/open-stream.js';
import { planRange } from '../format/range-plan.js';
import type { ObjectStore } from '../store/object-store.js';
import { contentKey, objectIdOf } from '../catalog/storage-keys.js';

/** Layouts kept per vault session; each is a few hundred bytes (plus the index of compressed items). */
const MAX_CACHED_LAYOUTS = 256;

/**
 * Decrypting ranged reads of item content. The first read of an item fetches its header and tail (two
 * requests at once) and authenticates them, once (cached); every read after that is one storage range
 * request covering exactly the segments needed.
 */
export class RangedReader {
  private readonly layouts = new Map<string, Promise<ObjectLayout>>();
  /** The layouts above that have resolved, so clear() can zero their keys. */
  private readonly resolved = new Map<string, ObjectLayout>();

  constructor(
    private readonly store: ObjectStore,
    private readonly keys: Keyring,
  ) {}

  private layout(meta: ItemMetadata): Promise<ObjectLayout> {
    let layout = this.layouts.get(meta.id);
    if (!layout) {
      const key = contentKey(meta.id);
      const read = async (start: number, end: number) => buffer(await this.store.get(key, { start, end }));
      layout = readLayout(read, objectIdOf(key), this.keys, meta.storedSize, meta.size).then((l) => {
        if (l.plaintextLength !== meta.size) throw new CorruptObjectError(objectIdOf(key), 'content length does not match its metadata');
        if (this.layouts.get(meta.id) === layout) this.resolved.set(meta.id, l);
        return l;
      });
      layout.catch(() => this.layouts.delete(meta.id));
      if (this.layouts.size >= MAX_CACHED_LAYOUTS) {
        // Not zeroed: a read still streaming may be using it.
        const oldest = this.layouts.keys().next().value!;
        this.layouts.delete(oldest);
        this.resolved.delete(oldest);
      }
      this.layouts.set(meta.id, layout);
    }
    return layout;
  }

  /**
   * Plaintext bytes [start, end] (end inclusive, clamped). Destroying the returned stream destroys the
   * storage response, which aborts the request: a seek never finishes downloading the old range.
   */
  async open(meta: ItemMetadata, start: number, end?: number, signal?: AbortSignal): Promise<Readable> {
    const layout = await this.layout(meta);
    const plan = planRange(layout, start, end);
    if (!plan) {
      const empty = new PassThrough();
      empty.end();
      return empty;
    }
    const body = await this.store.get(contentKey(meta.id), { start: plan.cipherStart, end: plan.cipherEnd, signal });
    const out = new OpenStream(layout, plan);
    // Errors reach the consumer through `out`; the callback only keeps a consumer's early destroy
    // (a seek) from surfacing as an unhandled premature-close error.
    pipeline(body, out, () => undefined);
    return out;
  }

  /** Forgets every layout and zeroes the payload keys inside them: a read still streaming then fails. */
  clear(): void {
    for (const layout of this.resolved.values()) layout.payloadKey.fill(0);
    this.resolved.clear();
    this.layouts.clear();
  }
}
