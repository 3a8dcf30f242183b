import type { BigIntStats } from 'node:fs';
import { mkdir, open, opendir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AbortedError, CofferError, NotFoundError, isAbort } from '../errors.js';
import { destroyOnAbort, throwIfAborted } from './abort.js';
import { isTempFileName, writeFileAtomically } from './atomic-file-write.js';
import { assertValidRange, rangeNotSatisfiable } from './byte-range.js';
import type { GetOptions, ObjectInfo, ObjectStore, PutOptions } from './object-store.js';
import { assertValidKey, isValidKey } from './object-key.js';
import { withFileLock } from './file-lock.js';
import { assertPrecondition, isConditional } from './put-precondition.js';
import { PRIVATE_DIR_MODE } from '../private-mode.js';

/** Where puts stream before their rename; never listed, and reserved as a first key segment. */
export const TEMP_DIR = '.tmp';

/**
 * An ObjectStore in a folder: key `a/b` is the file `<root>/a/b`. Puts go through a temp file and an
 * atomic rename. The folder must already exist: it is never created here, so a vault on an unplugged
 * drive reads as STORE_UNAVAILABLE instead of as an empty vault. Because keys are paths, a key cannot
 * be stored while another key is a folder of it (`a` and `a/b`).
 */
export class LocalFolderStore implements ObjectStore {
  readonly location: string;
  private readonly root: string;
  private readonly tempDir: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
    this.location = this.root;
    this.tempDir = join(this.root, TEMP_DIR);
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<ObjectInfo> {
    const what = `put of ${key}`;
    try {
      this.assertStorableKey(key);
      throwIfAborted(options.signal, what);
      await this.ensureTempDir();
      const stats = await writeFileAtomically(body, this.tempDir, this.pathOf(key), {
        signal: options.signal,
        onProgress: options.onProgress,
        mapFsError: (error) => this.translate(error, what, key),
        aroundRename: isConditional(options) ? (rename) => this.whileLocked(key, async () => {
          assertPrecondition(key, await this.statKey(key), options);
          await rename();
        }) : undefined,
      });
      return infoOf(key, stats);
    } catch (error) {
      body.destroy();
      // Anything else is the body's own failure, which the caller should get back unchanged.
      if (isAbort(error)) throw new AbortedError(what);
      throw error;
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<Readable> {
    const { start, end, signal } = options;
    this.assertStorableKey(key);
    assertValidRange(start, end);
    throwIfAborted(signal, `read of ${key}`);
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) throw await this.notFound(key);
      throw this.translate(error, `read of ${key}`, key);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw await this.notFound(key);
      const first = start ?? (end === undefined ? undefined : 0);
      if (first !== undefined && first >= stats.size) throw rangeNotSatisfiable(key, first, stats.size);
      return destroyOnAbort(handle.createReadStream({ start, end }), signal, `read of ${key}`);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.assertStorableKey(key);
    const info = await this.statKey(key);
    if (!info) await this.assertRootExists();
    return info;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    await this.assertRootExists();
    // Start at the deepest folder the prefix names in full; a prefix no key can start with lists nothing.
    const slash = prefix.lastIndexOf('/');
    const folderKey = slash < 0 ? '' : prefix.slice(0, slash);
    if (folderKey !== '' && !isValidKey(folderKey)) return;
    yield* this.walk(folderKey, prefix);
  }

  async delete(key: string): Promise<void> {
    this.assertStorableKey(key);
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return this.assertRootExists();
      // A folder at the key (`a` while `a/b` exists) is no object, so there is nothing to delete.
      // unlink reports it as EISDIR on Linux but EPERM on macOS, hence the stat.
      const stats = await stat(this.pathOf(key)).catch(() => undefined);
      if (stats?.isDirectory()) return;
      throw this.translate(error, `delete of ${key}`, key);
    }
  }

  /** Removes idle temp files of the store's own naming; a folder has no uploads to scope by key. */
  async cleanupIncomplete(olderThan: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tempDir);
    } catch (error) {
      if (!isMissing(error)) throw this.translate(error, 'cleanup');
      await this.assertRootExists();
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      // Anything else here was put there by someone else (the folder may predate the vault).
      if (!isTempFileName(name)) continue;
      const path = join(this.tempDir, name);
      const stats = await stat(path).catch(() => undefined);
      // A put still writing keeps touching its file, so only files idle since `olderThan` are debris.
      if (!stats?.isFile() || stats.mtime >= olderThan) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  private async *walk(folderKey: string, prefix: string): AsyncGenerator<ObjectInfo> {
    let dir;
    try {
      dir = await opendir(folderKey === '' ? this.root : this.pathOf(folderKey));
    } catch (error) {
      if (isMissing(error)) return;
      throw this.translate(error, 'listing');
    }
    for await (const entry of dir) {
      if (folderKey === '' && entry.name === TEMP_DIR) continue;
      const key = folderKey === '' ? entry.name : `${folderKey}/${entry.name}`;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        // The file may be deleted between the directory read and its stat; then it is simply gone.
        const info = await this.statKey(key);
        if (info) yield info;
      }
    }
  }

  private async statKey(key: string): Promise<ObjectInfo | undefined> {
    try {
      const stats = await stat(this.pathOf(key), { bigint: true });
      return stats.isFile() ? infoOf(key, stats) : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.translate(error, `stat of ${key}`, key);
    }
  }

  /**
   * Runs `fn` holding the lock of `key`, so a conditional put's check and rename are one step
   * against other conditional puts, in this process or another. The lock lives in the temp folder,
   * so it is never listed as an object.
   */
  private whileLocked(key: string, fn: () => Promise<void>): Promise<void> {
    return withFileLock(join(this.tempDir, `${encodeURIComponent(key)}.lock`), fn).catch((error: unknown) => {
      throw this.translate(error, `locking ${key}`, key);
    });
  }

  private assertStorableKey(key: string): void {
    assertValidKey(key);
    if (key === TEMP_DIR || key.startsWith(`${TEMP_DIR}/`)) {
      throw new CofferError('INVALID_ARGUMENT', `invalid object key ${JSON.stringify(key)}: "${TEMP_DIR}" is reserved`);
    }
  }

  private pathOf(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  private async ensureTempDir(): Promise<void> {
    try {
      // Not recursive: a missing root must fail here rather than be created.
      await mkdir(this.tempDir, PRIVATE_DIR_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      if (isMissing(error)) await this.assertRootExists();
      throw this.translate(error, 'creating the temp folder');
    }
  }

  private async assertRootExists(): Promise<void> {
    const stats = await stat(this.root).catch(() => undefined);
    if (!stats?.isDirectory()) {
      throw new CofferError('STORE_UNAVAILABLE', `vault folder ${this.root} does not exist or is not a folder`);
    }
  }

  private async notFound(key: string): Promise<NotFoundError> {
    await this.assertRootExists();
    return new NotFoundError(`object ${key} in ${this.root}`);
  }

  /** Maps a file-system failure to a CofferError. */
  private translate(error: unknown, what: string, key?: string): CofferError {
    if (error instanceof CofferError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const options = { cause: error };
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      return new CofferError('DISK_FULL', `no space left in ${this.root} during ${what}`, options);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return new CofferError('ACCESS_DENIED', `permission denied in ${this.root} during ${what} (${code})`, options);
    }
    if (key !== undefined && (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR')) {
      const message = `cannot store ${key} in ${this.root}: it and another key would be file and folder of each other`;
      return new CofferError('INVALID_ARGUMENT', message, options);
    }
    return new CofferError('STORE_UNAVAILABLE', `${what} in ${this.root} failed (${code})`, options);
  }
}

function infoOf(key: string, stats: BigIntStats): ObjectInfo {
  return {
    key,
    size: Number(stats.size),
    // Each put's temp file is created while the previous version still exists, so consecutive versions
    // never share an inode, even where mtime is too coarse to tell them apart.
    etag: `${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}-${stats.ino.toString(16)}`,
    lastModified: new Date(Number(stats.mtimeMs)),
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
