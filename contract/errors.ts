/**
 * Every error code the renderer can receive. The core's CofferError codes cross unchanged (main
 * checks at compile time that this list covers them); FORBIDDEN and INTERNAL are the IPC layer's own.
 */
export const ipcErrorCodes = [
  'WRONG_PASSPHRASE',
  'CORRUPT_CONFIG',
  'UNSUPPORTED_VERSION',
  'NOT_A_VAULT',
  'VAULT_EXISTS',
  'KEY_MISMATCH',
  'CORRUPT_OBJECT',
  'NOT_FOUND',
  'AMBIGUOUS',
  'ABORTED',
  'STORE_UNAVAILABLE',
  'ACCESS_DENIED',
  'DISK_FULL',
  'INVALID_ARGUMENT',
  'LOCKED',
  'LOCATION_NOT_EMPTY',
  'CONFLICT',
  'WEAK_PASSPHRASE',
  'NOT_A_FILE',
  'SOURCE_CHANGED',
  /** The request came from a frame or origin that is not our app's main frame. */
  'FORBIDDEN',
  /** A bug: main logged the details; the renderer only learns that something failed. */
  'INTERNAL',
] as const;

export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** An error as a value: Electron keeps only an Error's message, so codes travel explicitly. */
export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

/** What every request answers. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
