import { pipeline, Transform, type Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore, PutOptions } from '../../main/store/object-store.js';
import { CountingStore } from './counting-store.js';

/** A store whose content puts report how many bytes the store has taken so far. */
export class WatchedContentPuts extends CountingStore {
  constructor(
    inner: ObjectStore,
    private readonly onTaken: (bytes: number) => void,
  ) {
    super(inner);
  }

  override put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    if (!key.startsWith('c/')) return super.put(key, body, options);
    let taken = 0;
    const watched = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        taken += chunk.length;
        this.onTaken(taken);
        callback(null, chunk);
      },
    });
    pipeline(body, watched, () => undefined);
    return super.put(key, watched, options);
  }
}
