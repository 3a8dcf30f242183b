import { constants, type Dirent, type Stats } from 'node:fs';
import { access, lstat, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { folderProblem } from '../catalog/item-folder.js';
import { CofferError } from '../errors.js';
import { isOsLitter } from '../store/os-litter.js';

/** The most files one import may take from folders, so a drop of a whole disk is refused, not queued. */
export const MAX_WALK_FILES = 10_000;

/** A regular file a walk found, and the folder to list it in. */
export interface WalkedFile {
  path: string;
  name: string;
  folder: string;
}

/** An entry a walk left out, with why: NOT_A_FILE, ACCESS_DENIED, NOT_FOUND or INVALID_ARGUMENT. */
export interface SkippedEntry extends WalkedFile {
  /** 'folder' when a whole folder was left out, none of what it holds listed. */
  kind: 'file' | 'folder';
  error: CofferError;
}

export interface FolderWalk {
  files: WalkedFile[];
  skipped: SkippedEntry[];
}

/**
 * [Note: Folder walk]
 * Lists the regular files under the folder `root`, each with the folder to list it in: the root's
 * own name joined with the subfolder it is in, so dropping /home/u/Trip lists Trip/day1/a.jpg with
 * folder "Trip/day1" — the user sees "Trip" in the library, as in the file manager. A root with no
 * name (a drive's root, "/") adds none.
 *
 * Symbolic links are never followed, not even to a place inside the folder (a link can point
 * anywhere, and telling inside from outside races with whoever can change the link): each is left
 * out with NOT_A_FILE, like pipes, sockets and devices. A folder that cannot be read, and a file that
 * cannot, is left out with ACCESS_DENIED; a subfolder whose name cannot be part of an item's folder
 * (a control character, or a path too long) with INVALID_ARGUMENT; OS litter (.DS_Store…) silently.
 * Entries come in sorted order (by UTF-16 code units, the same on every machine), depth first, so the
 * same folder always gives the same list. More than `limit` entries, left-out ones included and
 * `counted` more (what the same import took from elsewhere), is refused with INVALID_ARGUMENT.
 */
export async function walkFolder(root: string, { limit = MAX_WALK_FILES, counted = 0 } = {}): Promise<FolderWalk> {
  const walk: FolderWalk = { files: [], skipped: [] };
  const count = () => counted + walk.files.length + walk.skipped.length;
  const skip = (entry: WalkedFile, kind: SkippedEntry['kind'], error: CofferError) => {
    walk.skipped.push({ ...entry, kind, error });
    if (count() > limit) throw tooMany(root, limit);
  };

  /** Lists folder `dir` (itself listed in `dir.folder`) into `inside`, its files' folder. */
  const visit = async (dir: WalkedFile, inside: string): Promise<void> => {
    const problem = folderProblem(inside);
    if (problem) {
      skip(dir, 'folder', new CofferError('INVALID_ARGUMENT', `${dir.path} was left out: as a folder in the vault it ${problem}`));
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir.path, { withFileTypes: true });
    } catch (error) {
      skip(dir, 'folder', readError(dir.path, 'the folder', error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const here = { path: join(dir.path, entry.name), name: entry.name, folder: inside };
      const type = await typeOf(entry, here.path);
      if (type instanceof CofferError) skip(here, 'file', type);
      else if (type.isDirectory()) await visit(here, inside ? `${inside}/${entry.name}` : entry.name);
      else if (!type.isFile()) skip(here, 'file', new CofferError('NOT_A_FILE', `${here.path} is ${kindOf(type)}, not a regular file; it was left out`));
      else if (isOsLitter(entry.name)) continue;
      else {
        const unreadable = await access(here.path, constants.R_OK).then(() => undefined, (error: unknown) => readError(here.path, 'the file', error));
        if (unreadable) skip(here, 'file', unreadable);
        else {
          walk.files.push(here);
          if (count() > limit) throw tooMany(root, limit);
        }
      }
    }
  };

  const name = basename(root);
  await visit({ path: root, name, folder: '' }, name);
  return walk;
}

type EntryType = Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** The entry's type from the listing, or from lstat where the file system did not say (never following a link). */
async function typeOf(entry: Dirent, path: string): Promise<EntryType | CofferError> {
  const known = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice();
  if (known) return entry;
  try {
    return await lstat(path);
  } catch (error) {
    return readError(path, 'the entry', error);
  }
}

function kindOf(type: EntryType): string {
  if (type.isSymbolicLink()) return 'a symbolic link (links inside a folder are not followed)';
  if (type.isFIFO()) return 'a named pipe';
  if (type.isSocket()) return 'a socket';
  if (type.isCharacterDevice() || type.isBlockDevice()) return 'a device';
  return 'not a file';
}

function readError(path: string, what: string, error: unknown): CofferError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const options = { cause: error };
  if (code === 'EACCES' || code === 'EPERM') return new CofferError('ACCESS_DENIED', `cannot read ${what} ${path}: permission denied (${code}); it was left out`, options);
  return new CofferError('NOT_FOUND', `cannot read ${what} ${path} (${code}); it was left out`, options);
}

function tooMany(root: string, limit: number): CofferError {
  return new CofferError(
    'INVALID_ARGUMENT',
    `more than ${limit.toLocaleString('en-US')} files to import at once (${root} and what came with it); nothing was imported: add fewer at a time, such as one subfolder after another`,
  );
}
