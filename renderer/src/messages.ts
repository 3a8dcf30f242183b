import type { IpcError, IpcErrorCode } from '../../contract/errors.js';

/** What each error code means to a person. Codes are stable; main's messages are details. */
const MESSAGES: Record<IpcErrorCode, string> = {
  WRONG_PASSPHRASE: 'That passphrase does not open this vault.',
  CORRUPT_CONFIG: 'The vault’s configuration is damaged.',
  UNSUPPORTED_VERSION: 'This vault was made by a newer Coffer. Update Coffer to open it.',
  NOT_A_VAULT: 'There is no vault at this location. Create one, or check the location.',
  VAULT_EXISTS: 'A vault already exists here. Unlock it instead.',
  KEY_MISMATCH: 'A stored object does not belong to this vault.',
  CORRUPT_OBJECT: 'A stored object is damaged or was tampered with.',
  NOT_FOUND: 'Not found.',
  AMBIGUOUS: 'That matches more than one item.',
  ABORTED: 'Cancelled.',
  STORE_UNAVAILABLE: 'The storage cannot be reached. Check the location and your connection.',
  ACCESS_DENIED: 'The storage refused access. Check the credentials and permissions.',
  DISK_FULL: 'The disk is full.',
  INVALID_ARGUMENT: 'Some of the input is not valid.',
  LOCKED: 'The vault is locked.',
  LOCATION_NOT_EMPTY: 'This place already holds other files; a vault needs an empty folder of its own.',
  CONFLICT: 'The vault was changed on another device meanwhile. Nothing was saved; try again.',
  WEAK_PASSPHRASE: 'That passphrase is too easy to guess.',
  NOT_A_FILE: 'Only regular files can be added.',
  SOURCE_CHANGED: 'The file changed while it was being added. Nothing was stored; try again.',
  FORBIDDEN: 'The request was refused.',
  INTERNAL: 'Something went wrong inside Coffer.',
};

/** The sentence to show for an error, with main's detail where it adds something. */
export function messageFor(error: IpcError): string {
  const text = MESSAGES[error.code];
  const detail = error.code === 'INVALID_ARGUMENT' || error.code === 'NOT_FOUND' || error.code === 'WEAK_PASSPHRASE' || error.code === 'LOCATION_NOT_EMPTY' ? ` (${error.message})` : '';
  return `${text}${detail}`;
}
