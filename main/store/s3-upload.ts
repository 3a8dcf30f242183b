import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { AbortedError, isAbort } from '../errors.js';

export interface UploadRequest {
  client: S3Client;
  bucket: string;
  key: string;
  body: Readable;
  partSize: number;
  queueSize: number;
  signal?: AbortSignal;
  onProgress?: (bytesStored: number) => void;
  /** Turns an SDK failure into the error to throw; errors of `body` itself are never passed here. */
  mapSdkError: (error: unknown) => unknown;
}

/**
 * Uploads `body` with lib-storage (one PutObject, or a multipart upload when it needs more than one
 * part). When the upload fails or `signal` fires first, it rejects only after the multipart upload has
 * been aborted: with AbortedError when `signal` fired, else the body's own error (a read that
 * failed), else the mapped SDK error (a storage that went away is STORE_UNAVAILABLE, never a cancel). An abort that
 * arrives once the object is committed is too late: the upload then resolves.
 *
 * Why not `upload.abort()`: it makes `done()` reject at once while lib-storage keeps going in the
 * background, letting in-flight parts finish before it aborts the multipart upload; the caller would
 * see the put fail while the upload still exists. Failing the body instead makes lib-storage take its
 * own error path, which aborts the multipart upload (leavePartsOnError: false) before `done()` rejects.
 */
export async function uploadObject(request: UploadRequest): Promise<void> {
  const { client, bucket, key, body, signal, onProgress } = request;
  if (signal?.aborted) {
    body.destroy();
    throw new AbortedError(`put of ${key}`);
  }
  const cancelTransfers = new AbortController();
  let bodyError: unknown;
  const onBodyError = (error: unknown) => {
    bodyError ??= error;
  };
  const onAbort = () => {
    cancelTransfers.abort();
    body.destroy(new AbortedError(`put of ${key}`));
  };
  body.on('error', onBodyError);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const upload = new Upload({
      client: cancellingTransfers(client, cancelTransfers.signal),
      params: { Bucket: bucket, Key: key, Body: body },
      partSize: request.partSize,
      queueSize: request.queueSize,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', ({ loaded }) => {
      if (loaded !== undefined) onProgress?.(loaded);
    });
    await upload.done();
  } catch (error) {
    if (signal?.aborted) throw new AbortedError(`put of ${key}`);
    // When a request fails, lib-storage stops reading the body, which ends it with an AbortError: that
    // is the failure's echo, not a cancel, and the failure itself is the SDK's error.
    if (bodyError !== undefined && !isAbort(bodyError)) throw bodyError;
    throw request.mapSdkError(error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    body.off('error', onBodyError);
    body.destroy();
  }
}

type Send = (command: { input: object }, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

/**
 * A view of `client` whose requests carrying object bytes (PutObject, UploadPart) are cancelled by
 * `signal`, so an abort frees the connection at once. Create/Complete/AbortMultipartUpload are left
 * alone: cancelling them could orphan an upload whose id we never learn, or abort the cleanup itself.
 */
function cancellingTransfers(client: S3Client, signal: AbortSignal): S3Client {
  const send = client.send.bind(client) as unknown as Send;
  const view = Object.create(client) as S3Client;
  const cancellableSend: Send = (command, options) =>
    send(command, 'Body' in command.input && command.input.Body !== undefined ? { ...options, abortSignal: signal } : options);
  Object.defineProperty(view, 'send', { value: cancellableSend });
  return view;
}
