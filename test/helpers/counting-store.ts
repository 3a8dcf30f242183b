import { Transform, type Readable } from 'node:stream';
import type { GetOptions, KeyScope, ObjectInfo, ObjectStore, PutOptions } from '../../main/store/object-store.js';

/** One storage read as the counting store saw it. */
export interface GetRecord {
  key: string;
  start?: number;
  end?: number;
  /** Bytes the consumer pulled through before the stream ended or was destroyed. */
  bytes: number;
  /** True once the storage stream was closed, whether completed or destroyed. */
  closed: boolean;
  destroyedEarly: boolean;
}

/**
 * Wraps a real store and records every get: which range, how many bytes came through, and whether the
 * response was torn down early. Tests use it to prove reads fetch what they need and aborts reach storage.
 */
export class CountingStore implements ObjectStore {
  readonly gets: GetRecord[] = [];
  readonly location: string;

  constructor(private readonly inner: ObjectStore) {
    this.location = inner.location;
  }

  get bytesFetched(): number {
    return this.gets.reduce((sum, g) => sum + g.bytes, 0);
  }

  reset(): void {
    this.gets.length = 0;
  }

  async get(key: string, options?: GetOptions): Promise<Readable> {
    const record: GetRecord = { key, start: options?.start, end: options?.end, bytes: 0, closed: false, destroyedEarly: false };
    this.gets.push(record);
    let body: Readable;
    try {
      body = await this.inner.get(key, options);
    } catch (error) {
      // A get that never opened (refused, or aborted before storage answered) holds nothing.
      record.closed = true;
      throw error;
    }
    const counter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        record.bytes += chunk.length;
        cb(null, chunk);
      },
    });
    body.on('close', () => (record.closed = true));
    counter.on('close', () => {
      if (!counter.readableEnded) {
        record.destroyedEarly = true;
        body.destroy();
      }
    });
    body.on('error', (error) => counter.destroy(error));
    return body.pipe(counter);
  }

  put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    return this.inner.put(key, body, options);
  }
  head(key: string): Promise<ObjectInfo | undefined> {
    return this.inner.head(key);
  }
  list(prefix: string): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  cleanupIncomplete(olderThan: Date, scope: KeyScope): Promise<number> {
    return this.inner.cleanupIncomplete(olderThan, scope);
  }
}
