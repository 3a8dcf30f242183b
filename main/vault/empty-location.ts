import { opendir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CofferError } from '../errors.js';
import { isTempFileName } from '../store/atomic-file-write.js';
import { TEMP_DIR } from '../store/local-folder-store.js';
import type { ObjectStore } from '../store/object-store.js';
import { isOsLitter } from '../store/os-litter.js';
import type { VaultLocation } from './types.js';

/**
 * Throws LOCATION_NOT_EMPTY unless `location` holds nothing, or only OS litter: a vault gets a
 * folder or prefix of its own, so that nothing in it is anyone else's. A missing folder is empty.
 * Stops at the first entry that is not allowed, so a full folder or bucket costs one listing page.
 */
export async function assertEmptyLocation(location: VaultLocation, store: ObjectStore): Promise<void> {
  if (location.kind === 'folder') {
    const path = resolve(location.path);
    const found = await firstForeignEntry(path);
    if (found === undefined) return;
    throw new CofferError(
      'LOCATION_NOT_EMPTY',
      `${path} holds other files (such as ${JSON.stringify(found)}); a vault needs an empty folder of its own: try ${join(path, 'Coffer')}`,
    );
  }
  for await (const info of store.list('')) {
    // '' is the prefix's own folder marker, which consoles make for "Create folder".
    if (info.key === '' || isOsLitter(info.key)) continue;
    const here = store.location.endsWith('/') ? store.location : `${store.location}/`;
    throw new CofferError(
      'LOCATION_NOT_EMPTY',
      `${here} holds other objects (such as ${JSON.stringify(info.key)}); choose an empty prefix such as ${here}coffer/`,
    );
  }
}

/** The first entry of `path` that is neither OS litter nor a temp folder of the store's own; none for a missing folder. */
async function firstForeignEntry(path: string): Promise<string | undefined> {
  try {
    // Iterating a Dir reads it lazily and closes it however the loop ends.
    for await (const entry of await opendir(path)) {
      if (entry.isFile() && isOsLitter(entry.name)) continue;
      if (entry.isDirectory() && entry.name === TEMP_DIR && (await holdsOnlyTempFiles(join(path, TEMP_DIR)))) continue;
      return entry.name;
    }
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw folderError(error, path);
  }
}

/** Whether a temp folder holds only what a failed put of the store's own left (say, of an earlier init's config). */
async function holdsOnlyTempFiles(tempDir: string): Promise<boolean> {
  const entries = await readdir(tempDir, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries.every((entry) => entry.isFile() && isTempFileName(entry.name));
}

function folderError(error: unknown, path: string): CofferError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  if (code === 'EACCES' || code === 'EPERM') return new CofferError('ACCESS_DENIED', `permission denied reading ${path} (${code})`, { cause: error });
  if (code === 'ENOTDIR') return new CofferError('INVALID_ARGUMENT', `${path} is not a folder`, { cause: error });
  return new CofferError('STORE_UNAVAILABLE', `reading ${path} failed (${code})`, { cause: error });
}
