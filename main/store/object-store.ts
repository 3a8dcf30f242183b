import type { Readable } from 'node:stream';

/** What a store knows of one stored object. `etag` changes whenever the bytes change. */
export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

export interface PutOptions {
  signal?: AbortSignal;
  /** Called with the total bytes the store has accepted so far. */
  onProgress?: (bytesStored: number) => void;
  /** Expected size when known, so multipart uploads can pick a part size that fits 10,000 parts. */
  sizeHint?: number;
}

export interface GetOptions {
  /** First byte, inclusive. */
  start?: number;
  /** Last byte, inclusive. */
  end?: number;
  signal?: AbortSignal;
}

/**
 * Where a vault's objects live. Keys are flat strings (`a/b` is just a name). A put is all or
 * nothing: a reader never sees a partial object, and a failed or aborted put leaves nothing behind.
 */
export interface ObjectStore {
  /** Human-readable location for messages, e.g. `s3://bucket/prefix` or a folder path. */
  readonly location: string;
  put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo>;
  /** Throws NotFoundError when the key does not exist. Destroying the stream releases the request. */
  get(key: string, options?: GetOptions): Promise<Readable>;
  /** Undefined when the key does not exist. */
  head(key: string): Promise<ObjectInfo | undefined>;
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes what interrupted puts left (temp files, incomplete multipart uploads); returns how many. */
  cleanupIncomplete(olderThan: Date): Promise<number>;
}
