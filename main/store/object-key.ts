import { CofferError } from '../errors.js';

/**
 * Throws INVALID_ARGUMENT unless `key` is a canonical object key: `/`-separated segments that are
 * neither empty, `.` nor `..`, with no leading slash, backslash or NUL. Canonical keys mean one object
 * has exactly one name in every store, so a folder store cannot be walked out of and a vault can move
 * between stores unchanged.
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new CofferError('INVALID_ARGUMENT', `invalid object key ${JSON.stringify(key)}: ${problem}`);
}

/** True when `key` is canonical (see assertValidKey). */
export function isValidKey(key: string): boolean {
  return keyProblem(key) === undefined;
}

function keyProblem(key: string): string | undefined {
  if (key === '') return 'it is empty';
  if (key.startsWith('/')) return 'it is absolute';
  if (key.includes('\\')) return 'it contains a backslash';
  if (key.includes('\0')) return 'it contains NUL';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return undefined;
}
