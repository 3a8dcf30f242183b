import { AbortedError, CofferError, NotFoundError, isAbort } from '../errors.js';

/** What a failed S3 call was doing, for the message. */
export interface S3CallContext {
  /** The store's location, e.g. `s3://bucket/prefix`. */
  location: string;
  /** The service's address (or `AWS S3`), named whenever it cannot be reached. */
  endpoint: string;
  /** e.g. `get of a/b`. */
  what: string;
  key?: string;
}

const DENIED = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'AllAccessDisabled',
]);

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Maps an error from the S3 SDK to a CofferError: missing key → NOT_FOUND, refused credentials →
 * ACCESS_DENIED, no connection or a failing service → STORE_UNAVAILABLE naming the endpoint.
 * CofferErrors and errors that did not come from the SDK are returned unchanged.
 */
export function translateS3Error(error: unknown, context: S3CallContext): unknown {
  if (error instanceof CofferError) return error;
  if (isAbort(error)) return new AbortedError(context.what);
  const e = error as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? 'Error';
  const { location, endpoint, what } = context;
  if (status === undefined) {
    // The SDK stamps $metadata on every error it throws, but only a response gives it a status.
    const code = networkCode(error);
    if (code !== undefined || name === 'TimeoutError') {
      return new CofferError('STORE_UNAVAILABLE', `cannot reach ${endpoint} for ${what} (${code ?? name})`, {
        cause: error,
      });
    }
    return error;
  }
  if (name === 'NoSuchBucket') {
    // Not NOT_FOUND: a missing bucket must not read as a vault that has no objects.
    return new CofferError('STORE_UNAVAILABLE', `the bucket of ${location} does not exist at ${endpoint}`, {
      cause: error,
    });
  }
  if (context.key !== undefined && (name === 'NoSuchKey' || name === 'NotFound' || status === 404)) {
    return new NotFoundError(`object ${context.key} in ${location}`);
  }
  if (DENIED.has(name) || status === 403) {
    return new CofferError('ACCESS_DENIED', `${endpoint} denied ${what} in ${location} (${name})`, { cause: error });
  }
  return new CofferError('STORE_UNAVAILABLE', `${endpoint} failed ${what} in ${location}: HTTP ${status} ${name}`, {
    cause: error,
  });
}

function networkCode(error: unknown): string | undefined {
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && NETWORK.has(code)) return code;
  // Node's happy-eyeballs connect reports each failed address inside an AggregateError.
  if (Array.isArray(errors)) return errors.map(networkCode).find((c) => c !== undefined);
  return undefined;
}
