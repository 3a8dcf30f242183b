import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { mkdir, open, rm, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { throwIfAborted } from './abort.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-mode.js';

/** The names writeFileAtomically gives its temp files: 128 random bits in hex, then `.part`. */
const TEMP_NAME = /^[0-9a-f]{32}\.part$/;

/** Whether `name` is one writeFileAtomically could have given a temp file; nothing else in a temp folder is ours. */
export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name);
}

export interface AtomicWriteOptions {
  signal?: AbortSignal;
  /** Called with the total bytes written to the temp file so far. */
  onProgress?: (bytesWritten: number) => void;
  /** Turns a file-system failure into the error to throw; errors of `body` itself are never passed here. */
  mapFsError: (error: unknown) => unknown;
  /**
   * Wraps the rename that publishes the file, e.g. to hold a lock and check a precondition around
   * it; if it throws instead of renaming, the temp file is removed and nothing is published.
   */
  aroundRename?: (rename: () => Promise<void>) => Promise<void>;
}

/**
 * Streams `body` into a new randomly named file in `tempDir`, fsyncs it, renames it onto `target` and
 * fsyncs the directories whose entries changed, so after a crash `target` is either the old file or
 * the complete new one. On any failure the temp file is removed and the error rethrown. Resolves with
 * the new file's stats (rename keeps inode and mtime, so they describe `target`). The file and any
 * folders made on the way are private to their owner.
 */
export async function writeFileAtomically(
  body: Readable,
  tempDir: string,
  target: string,
  options: AtomicWriteOptions,
): Promise<BigIntStats> {
  const { signal, onProgress, mapFsError, aroundRename = (rename) => rename() } = options;
  const fsStep = <T>(step: Promise<T>): Promise<T> =>
    step.catch((error: unknown) => {
      throw mapFsError(error);
    });
  // Made before the body is read so a key that cannot be stored fails before any upload work.
  const firstCreatedDir = await fsStep(mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE }));
  const tempPath = join(tempDir, `${randomBytes(16).toString('hex')}.part`);
  const handle = await fsStep(open(tempPath, 'wx', PRIVATE_FILE_MODE));
  let handleOpen = true;
  try {
    await pipeline(body, fileWriter(handle, mapFsError, onProgress), { signal });
    await fsStep(handle.sync());
    const stats = await fsStep(handle.stat({ bigint: true }));
    // Closed before the rename because Windows cannot rename a file that is still open.
    handleOpen = false;
    await fsStep(handle.close());
    throwIfAborted(signal, `writing ${target}`);
    await aroundRename(() => fsStep(rename(tempPath, target)));
    await fsStep(syncDirectories(dirname(target), firstCreatedDir));
    return stats;
  } catch (error) {
    if (handleOpen) await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}

/** A sink that writes each chunk fully before taking the next, reporting the running total. */
function fileWriter(
  handle: FileHandle,
  mapFsError: (error: unknown) => unknown,
  onProgress?: (bytesWritten: number) => void,
): Writable {
  let written = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeFully(handle, chunk).then(
        () => {
          written += chunk.length;
          onProgress?.(written);
          callback();
        },
        (error: unknown) => callback(mapFsError(error) as Error),
      );
    },
  });
}

async function writeFully(handle: FileHandle, chunk: Buffer): Promise<void> {
  // write(2) may legally write less than asked (typically just before ENOSPC); carry on from there.
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

/**
 * Fsyncs `dir` and, when mkdir created directories on the way to it, every parent whose entries
 * gained one of them; without this a crash can lose the renamed file's directory entry.
 */
async function syncDirectories(dir: string, firstCreatedDir: string | undefined): Promise<void> {
  // Windows cannot open a directory to fsync it, and NTFS journals renames itself.
  if (process.platform === 'win32') return;
  const stop = firstCreatedDir === undefined ? dir : dirname(firstCreatedDir);
  for (let current = dir; ; current = dirname(current)) {
    const handle = await open(current, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (current === stop || current === dirname(current)) return;
  }
}
