import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type MultipartUpload,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CofferError } from '../errors.js';
import { destroyOnAbort, throwIfAborted } from './abort.js';
import { assertValidRange, rangeNotSatisfiable } from './byte-range.js';
import type { GetOptions, KeyScope, ObjectInfo, ObjectStore, PutOptions } from './object-store.js';
import { assertValidKey } from './object-key.js';
import { partSizeFor } from './part-size.js';
import { assertPrecondition, isConditional } from './put-precondition.js';
import { createS3Client, type S3ConnectionOptions } from './s3-client.js';
import { translateS3Error } from './s3-errors.js';
import { uploadObject } from './s3-upload.js';

export interface S3StoreOptions extends S3ConnectionOptions {
  bucket: string;
  /** Folder inside the bucket that holds the store's keys; `a/b`, `a/b/` and `/a/b/` are the same, '' is the root. */
  prefix: string;
  /** Parts uploaded in parallel by one put (default 4); each buffers one part in memory. */
  queueSize?: number;
  /** Keys per ListObjectsV2 page (default 1000, the S3 maximum). */
  pageSize?: number;
  /** A ready client (e.g. shared by several stores); the connection options then only name the endpoint in messages. */
  client?: S3Client;
}

const DEFAULT_QUEUE_SIZE = 4;
/** A conditional put is one PutObject of a buffered body: for small objects like the vault config. */
const MAX_CONDITIONAL_PUT = 5 * 1024 * 1024;

/** An ObjectStore in an S3 bucket (AWS or any S3-compatible service), under a key prefix. */
export class S3Store implements ObjectStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly base: string;
  private readonly endpoint: string;
  private readonly queueSize: number;
  private readonly pageSize: number | undefined;

  constructor(options: S3StoreOptions) {
    this.client = options.client ?? createS3Client(options);
    this.bucket = options.bucket;
    const folder = options.prefix.replace(/^\/+|\/+$/g, '');
    this.base = folder === '' ? '' : `${folder}/`;
    this.location = `s3://${this.bucket}/${this.base}`;
    this.endpoint = options.endpoint ?? 'AWS S3';
    this.queueSize = options.queueSize ?? DEFAULT_QUEUE_SIZE;
    this.pageSize = options.pageSize;
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<ObjectInfo> {
    const what = `put of ${key}`;
    try {
      assertValidKey(key);
    } catch (error) {
      body.destroy();
      throw error;
    }
    if (isConditional(options)) return this.conditionalPut(key, body, options);
    await uploadObject({
      client: this.client,
      bucket: this.bucket,
      key: this.base + key,
      body,
      partSize: partSizeFor(options.sizeHint),
      queueSize: this.queueSize,
      signal: options.signal,
      onProgress: options.onProgress,
      mapSdkError: (error) => this.translate(error, what, key),
    });
    // PutObject and CompleteMultipartUpload report no size or time, so ask for the stored facts.
    const info = await this.head(key);
    if (!info) throw new CofferError('NOT_FOUND', `object ${key} vanished from ${this.location} right after it was stored`);
    return info;
  }

  /**
   * Checks the condition against a HEAD, then sends it with the PutObject (If-Match, If-None-Match),
   * which AWS S3 and most compatible services enforce atomically. Where a service ignores those
   * headers (s3rver does) or refuses them as not implemented, the HEAD is what protects, leaving a
   * window of one round trip.
   */
  private async conditionalPut(key: string, body: Readable, options: PutOptions): Promise<ObjectInfo> {
    const what = `put of ${key}`;
    let bytes: Buffer;
    try {
      throwIfAborted(options.signal, what);
      assertPrecondition(key, await this.head(key), options);
      bytes = await buffer(body);
    } finally {
      body.destroy();
    }
    if (bytes.length > MAX_CONDITIONAL_PUT) {
      throw new CofferError('INVALID_ARGUMENT', `a conditional put takes at most ${MAX_CONDITIONAL_PUT} bytes; ${key} has ${bytes.length}`);
    }
    const send = (conditions: { IfMatch?: string; IfNoneMatch?: string }) =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.base + key, Body: bytes, ...conditions }), { abortSignal: options.signal });
    try {
      try {
        await send({ IfMatch: options.ifMatch === undefined ? undefined : `"${options.ifMatch}"`, IfNoneMatch: options.ifNoneMatch });
      } catch (error) {
        // A service that does not implement conditional writes says 501: the HEAD check stands alone.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 501) throw error;
        await send({});
      }
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      // 412: the condition failed; 409: another conditional write to the key was in flight.
      if ($metadata?.httpStatusCode === 412 || $metadata?.httpStatusCode === 409 || name === 'PreconditionFailed') {
        throw new CofferError('CONFLICT', `object ${key} changed since it was read; nothing was written`, { cause: error });
      }
      throw this.translate(error, what, key);
    }
    options.onProgress?.(bytes.length);
    const info = await this.head(key);
    if (!info) throw new CofferError('NOT_FOUND', `object ${key} vanished from ${this.location} right after it was stored`);
    return info;
  }

  async get(key: string, options: GetOptions = {}): Promise<Readable> {
    const { start, end, signal } = options;
    const what = `read of ${key}`;
    assertValidKey(key);
    assertValidRange(start, end);
    throwIfAborted(signal, what);
    const first = start ?? (end === undefined ? undefined : 0);
    const range = first === undefined ? undefined : `bytes=${first}-${end ?? ''}`;
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.base + key, Range: range }),
        { abortSignal: signal },
      );
      // In Node the SDK's body is the http.IncomingMessage itself, so destroying it frees the socket.
      const body = response.Body as Readable;
      if (first !== undefined) {
        const problem = servedRangeProblem(response.ContentRange, first, end);
        if (problem) {
          body.destroy();
          throw new CofferError('STORE_UNAVAILABLE', `${this.endpoint} ${problem} for ${what}`);
        }
      }
      return destroyOnAbort(body, signal, what);
    } catch (error) {
      if (first !== undefined && (error as { name?: string }).name === 'InvalidRange') {
        throw rangeNotSatisfiable(key, first);
      }
      throw this.translate(error, what, key);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.base + key }));
      return {
        key,
        size: response.ContentLength ?? 0,
        etag: normaliseEtag(response.ETag),
        lastModified: toSeconds(response.LastModified),
      };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // HEAD responses have no body, so a missing key is only a bare 404.
      if (status === 404) return undefined;
      throw this.translate(error, `head of ${key}`, key);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.base + prefix,
            ContinuationToken: token,
            MaxKeys: this.pageSize,
          }),
        );
      } catch (error) {
        throw this.translate(error, `listing of ${prefix || 'all keys'}`);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          key: object.Key.slice(this.base.length),
          size: object.Size ?? 0,
          etag: normaliseEtag(object.ETag),
          lastModified: toSeconds(object.LastModified),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.base + key }));
    } catch (error) {
      throw this.translate(error, `delete of ${key}`, key);
    }
  }

  /**
   * Aborts the multipart uploads of keys in `scope` that were initiated before `olderThan`, listing
   * only under the scope's prefixes: other tools' uploads to the bucket are none of this store's
   * business, even at the bucket root. Returns 0 where the service does not implement
   * ListMultipartUploads: s3rver answers 501 NotImplemented, and fauxqs (1.9.2) answers with an object
   * listing that parses as "no uploads". A key without the permission to list them gets
   * ACCESS_DENIED, which openVault tolerates.
   */
  async cleanupIncomplete(olderThan: Date, scope: KeyScope): Promise<number> {
    let aborted = 0;
    for (const prefix of scope.prefixes) {
      for await (const upload of this.uploadsUnder(prefix)) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= olderThan) continue;
        // Checked here too: a service that ignores the Prefix parameter must not widen the scope.
        if (!upload.Key.startsWith(this.base + prefix) || !scope.includes(upload.Key.slice(this.base.length))) continue;
        if (await this.abortUpload(upload.Key, upload.UploadId)) aborted += 1;
      }
    }
    return aborted;
  }

  /** The incomplete multipart uploads under `prefix`, page by page; none where the service cannot list them. */
  private async *uploadsUnder(prefix: string): AsyncGenerator<MultipartUpload> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: this.base + prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
      } catch (error) {
        const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (name === 'NotImplemented' || $metadata?.httpStatusCode === 501) return;
        throw this.translate(error, 'listing of incomplete uploads');
      }
      yield* page.Uploads ?? [];
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker !== undefined);
  }

  /** False when the upload is already gone (completed or aborted by someone else meanwhile). */
  private async abortUpload(objectKey: string, uploadId: string): Promise<boolean> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, UploadId: uploadId }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchUpload') return false;
      throw this.translate(error, `abort of incomplete upload of ${objectKey}`);
    }
  }

  private translate(error: unknown, what: string, key?: string): unknown {
    return translateS3Error(error, { location: this.location, endpoint: this.endpoint, what, key });
  }
}

/**
 * HEAD's Last-Modified header counts whole seconds while listings may carry milliseconds; truncating
 * both makes head and list describe an object identically.
 */
function toSeconds(date: Date | undefined): Date {
  return new Date(Math.floor((date?.getTime() ?? 0) / 1000) * 1000);
}

/** S3 quotes ETags (`"abc"`); the quotes carry no information. */
function normaliseEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

/**
 * Why the response does not carry exactly bytes `first`..`end` (clamped to the object), if it does
 * not. A proxy that drops the Range header, or a server that misreads it, would otherwise hand the
 * reader bytes from the wrong offset.
 */
function servedRangeProblem(contentRange: string | undefined, first: number, end: number | undefined): string | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
  if (!match) return 'ignored the requested range';
  const [servedFirst, servedLast, size] = match.slice(1).map(Number) as [number, number, number];
  const last = Math.min(end ?? size - 1, size - 1);
  if (servedFirst === first && servedLast === last) return undefined;
  return `served bytes ${servedFirst}-${servedLast} when asked for ${first}-${last}`;
}
