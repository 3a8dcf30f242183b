import type { ErrorCode } from '../errors.js';

/** Exit code for a failure that is not a CofferError: a bug, or a system error nobody anticipated. */
export const EXIT_UNEXPECTED = 1;
/** Exit code for a wrong command line. */
export const EXIT_USAGE = 2;

/**
 * The exit code of each CofferError code. A Record, so adding an ErrorCode fails to compile until it
 * has an exit code here, and `coffer --help` documents it.
 */
const EXIT_BY_CODE: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: EXIT_USAGE,
  WRONG_PASSPHRASE: 3,
  NOT_A_VAULT: 4,
  VAULT_EXISTS: 4,
  LOCATION_NOT_EMPTY: 4,
  CORRUPT_CONFIG: 4,
  UNSUPPORTED_VERSION: 4,
  NOT_FOUND: 5,
  NOT_A_FILE: 5,
  AMBIGUOUS: 5,
  CORRUPT_OBJECT: 6,
  KEY_MISMATCH: 6,
  STORE_UNAVAILABLE: 7,
  ACCESS_DENIED: 8,
  DISK_FULL: 9,
  CONFLICT: 10,
  SOURCE_CHANGED: 11,
  WEAK_PASSPHRASE: EXIT_USAGE,
  // Never reached from the CLI, which locks only when it is done: a bug if it is.
  LOCKED: EXIT_UNEXPECTED,
  // 128 + SIGINT, what shells report for a command stopped by Ctrl-C.
  ABORTED: 130,
};

const MEANINGS: Record<number, string> = {
  0: 'success',
  [EXIT_UNEXPECTED]: 'unexpected failure',
  [EXIT_USAGE]: 'usage: unknown command or option, bad argument, no passphrase available, a weak new passphrase',
  3: 'wrong passphrase',
  4: 'no vault there, a vault (or other files) already there, or a damaged or too new vault config',
  5: 'no such item, no such regular file to put, or a name or prefix that matches several',
  6: 'tampered or corrupt content; the message names the chunk',
  7: 'storage unreachable or failing',
  8: 'storage denied access, or no credentials',
  9: 'disk full',
  10: 'the vault config changed elsewhere since it was read; nothing was written, run it again',
  11: 'a file changed size while it was being put; nothing was stored',
  130: 'interrupted by Ctrl-C or SIGTERM',
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_CODE[code];
}

/** The exit code table for `coffer --help`, each entry followed by the error codes behind it. */
export function exitCodeHelp(): string {
  return Object.entries(MEANINGS)
    .map(([exit, meaning]) => {
      const codes = Object.entries(EXIT_BY_CODE)
        .filter(([code, n]) => n === Number(exit) && code !== 'LOCKED')
        .map(([code]) => code);
      return `  ${exit.padEnd(4)} ${meaning}${codes.length ? `\n       ${codes.join(', ')}` : ''}`;
    })
    .join('\n');
}
