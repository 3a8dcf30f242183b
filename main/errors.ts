/**
 * Every failure Coffer reports on purpose is a CofferError with a stable `code`. Codes cross the IPC
 * boundary and the CLI's exit path unchanged, so the UI and scripts can branch on them; messages are
 * for people and may change.
 */
export type ErrorCode =
  | 'WRONG_PASSPHRASE'
  | 'CORRUPT_CONFIG'
  | 'UNSUPPORTED_VERSION'
  | 'NOT_A_VAULT'
  | 'VAULT_EXISTS'
  | 'KEY_MISMATCH'
  | 'CORRUPT_OBJECT'
  | 'NOT_FOUND'
  | 'AMBIGUOUS'
  | 'ABORTED'
  | 'STORE_UNAVAILABLE'
  | 'ACCESS_DENIED'
  | 'DISK_FULL'
  | 'INVALID_ARGUMENT'
  | 'LOCKED'
  /** `init` was pointed at a folder or prefix that already holds something other than a vault. */
  | 'LOCATION_NOT_EMPTY'
  /** The vault config changed elsewhere (another device or process) since this one read it. */
  | 'CONFLICT'
  /** A new passphrase fails the strength rule (keys/passphrase-rule.ts); the message says why. */
  | 'WEAK_PASSPHRASE'
  /** A file to import is not a regular file (a FIFO, device, socket or folder). */
  | 'NOT_A_FILE'
  /** A file grew or shrank while it was being imported. */
  | 'SOURCE_CHANGED';

export class CofferError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class WrongPassphraseError extends CofferError {
  constructor() {
    super('WRONG_PASSPHRASE', 'wrong passphrase');
  }
}

export class CorruptConfigError extends CofferError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('CORRUPT_CONFIG', `vault config is corrupt: ${detail}`, options);
  }
}

export class UnsupportedVersionError extends CofferError {
  constructor(what: string, version: number) {
    super('UNSUPPORTED_VERSION', `${what} version ${version} is not supported by this Coffer`);
  }
}

/** The object's key commitment does not match: wrong vault key, an object swapped for another, or a tampered header. */
export class KeyMismatchError extends CofferError {
  constructor(objectId: string) {
    super(
      'KEY_MISMATCH',
      `object ${objectId} does not belong to this key: wrong vault key, a swapped object, or a tampered header`,
    );
  }
}

/** Authentication or structure failed. `chunk` is the index of the first chunk that failed, when one did. */
export class CorruptObjectError extends CofferError {
  constructor(
    readonly objectId: string,
    readonly detail: string,
    readonly chunk?: number,
  ) {
    super(
      'CORRUPT_OBJECT',
      chunk === undefined
        ? `object ${objectId} is corrupt or tampered: ${detail}`
        : `object ${objectId} is corrupt or tampered at chunk ${chunk}: ${detail}`,
    );
  }
}

export class NotFoundError extends CofferError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class AbortedError extends CofferError {
  constructor(what = 'operation') {
    super('ABORTED', `${what} was cancelled`);
  }
}

export function isAbort(error: unknown): boolean {
  if (error instanceof AbortedError) return true;
  const e = error as { name?: string; code?: string } | null;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}
