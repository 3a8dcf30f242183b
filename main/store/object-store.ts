import type { Readable } from 'node:stream';

/** What a store knows of one stored object. `etag` changes whenever the bytes change. */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Opaque; compare for equality only (S3's surrounding quotes are removed). */
  etag: string;
  /** To the second on S3, whose HEAD reports no finer. */
  lastModified: Date;
}

export interface PutOptions {
  signal?: AbortSignal;
  /** Called with the total bytes the store has accepted so far. */
  onProgress?: (bytesStored: number) => void;
  /**
   * Expected size when known, so multipart uploads can pick a part size that fits 10,000 parts. Give
   * an upper bound of the stored bytes; without it S3 parts stay at 5 MiB, capping an object at ~48 GiB.
   */
  sizeHint?: number;
  /**
   * Store only if the object there still has this etag (read earlier from head, get or put);
   * otherwise CONFLICT and nothing is written. For small objects (the vault config).
   */
  ifMatch?: string;
  /** Store only if there is no object at the key yet; otherwise CONFLICT and nothing is written. */
  ifNoneMatch?: '*';
}

/**
 * A byte range, both ends inclusive and optional. An end past the object is clamped to its last byte;
 * a start at or past the end (so any range of an empty object) is INVALID_ARGUMENT.
 */
export interface GetOptions {
  /** First byte, inclusive; 0 when only `end` is given. */
  start?: number;
  /** Last byte, inclusive. */
  end?: number;
  /** Aborting fails the request, or the stream already returned, with ABORTED. */
  signal?: AbortSignal;
}

/**
 * Where a vault's objects live. Keys are flat strings (`a/b` is just a name) but must be canonical:
 * `/`-separated segments, none empty, `.` or `..`, no leading slash, backslash or NUL; anything else
 * is INVALID_ARGUMENT (see object-key.ts). A put is all or nothing: a reader never sees a partial
 * object, and a failed or aborted put leaves nothing behind. A backend that is not there (missing
 * folder or bucket, no connection) is STORE_UNAVAILABLE, never an empty store.
 */
export interface ObjectStore {
  /** Human-readable location for messages, e.g. `s3://bucket/prefix` or a folder path. */
  readonly location: string;
  /**
   * Stores `body` under `key`, replacing any object there. The put owns `body`: it is consumed, or
   * destroyed on failure. Rejects with ABORTED on abort, or with the body's own error if the body
   * fails. An abort that arrives after the object is committed is too late, and the put resolves.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo>;
  /** Throws NotFoundError when the key does not exist. Destroying the stream releases the request. */
  get(key: string, options?: GetOptions): Promise<Readable>;
  /** Undefined when the key does not exist. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix` (a plain string prefix, not a folder), in no particular order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes what interrupted puts left that dates from before `olderThan`; returns how many. 0 where
   * the backend cannot list them (s3rver, fauxqs). Incomplete multipart uploads are aborted only for
   * keys in `scope`, since other tools may upload to the same bucket; temp files carry no key, so a
   * store removes only files it names itself (a folder store's `.tmp/<32 hex digits>.part`).
   */
  cleanupIncomplete(olderThan: Date, scope: KeyScope): Promise<number>;
}

/** Keys a cleanup may touch: those starting with one of `prefixes` that `includes` accepts. */
export interface KeyScope {
  /** Plain string prefixes, so a store can ask its backend for just these keys. */
  prefixes: readonly string[];
  includes(key: string): boolean;
}
