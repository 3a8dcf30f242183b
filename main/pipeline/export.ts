import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AbortedError, CofferError, isAbort } from '../errors.js';

/**
 * Writes a plaintext stream to `outPath` through a temp file beside it, fsynced and renamed, so the
 * destination holds either its old content or the whole export, never part of it.
 */
export async function writeExport(source: Readable, outPath: string, signal?: AbortSignal): Promise<void> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.coffer-part`);
  try {
    // `flush` fsyncs before close, so the rename never publishes a file whose bytes are still in cache.
    await pipeline(source, createWriteStream(temp, { flags: 'wx', flush: true }), { signal });
    await rename(temp, outPath);
  } catch (error) {
    source.destroy();
    await rm(temp, { force: true });
    if (isAbort(error) || signal?.aborted) throw new AbortedError(`export to ${outPath}`);
    const code = (error as { code?: string }).code;
    if (code === 'ENOSPC') throw new CofferError('DISK_FULL', `no space left to export to ${outPath}`, { cause: error });
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
      throw new CofferError('INVALID_ARGUMENT', `cannot write ${outPath}: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}
