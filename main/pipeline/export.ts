import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, link, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AbortedError, CofferError, isAbort } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-mode.js';

/** Longest file name most file systems take, in UTF-8 bytes (ext4, APFS, NTFS for ASCII). */
const NAME_MAX_BYTES = 255;
/** Names tried before giving up: "name (2)" … "name (N)". */
const MAX_NUMBERED = 10_000;

/**
 * Writes a plaintext stream to `outPath` through a temp file beside it, fsynced and renamed, so the
 * destination holds either its old content or the whole export, never part of it.
 */
export async function writeExport(source: Readable, outPath: string, signal?: AbortSignal): Promise<void> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.coffer-part`);
  try {
    await writeTemp(source, temp, signal);
    await rename(temp, outPath);
  } catch (error) {
    source.destroy();
    await rm(temp, { force: true });
    throw exportError(error, outPath, signal);
  }
}

/**
 * [Note: Export without replacing]
 * Writes a plaintext stream into `folder` as a new file named `name`, or "name (2).ext",
 * "name (3).ext"… when that is taken, and returns its path. No file is ever replaced, not even one
 * that appears while the export runs: the bytes go to a temp file (mode 0600, fsynced), which link()
 * then publishes under the first free name, and link() fails where a name exists instead of replacing
 * what is there. Two exports racing for one name both succeed, under different names. The file keeps
 * mode 0600: it is a decrypted copy, its owner's alone. Where the file system has no hard links
 * (FAT, exFAT, some network shares), copyFile with COPYFILE_EXCL publishes instead: as sure never to
 * replace, but a crash during the copy can leave part of the file under its name.
 */
export async function exportAsNewFile(source: Readable, folder: string, name: string, signal?: AbortSignal): Promise<string> {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new CofferError('INVALID_ARGUMENT', `${JSON.stringify(name)} is not a file name`);
  }
  const temp = join(folder, `.coffer-export-${randomBytes(6).toString('hex')}.part`);
  let target = join(folder, name);
  try {
    await writeTemp(source, temp, signal, PRIVATE_FILE_MODE);
    for (let n = 1; ; n++) {
      if (n > MAX_NUMBERED) throw new CofferError('INVALID_ARGUMENT', `${folder} already holds ${MAX_NUMBERED} files named like ${name}`);
      target = join(folder, numbered(name, n));
      if (await publish(temp, target)) return target;
    }
  } catch (error) {
    source.destroy();
    throw exportError(error, target, signal);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Publishes `temp` as `target` unless something is there already: true when it did. */
async function publish(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No hard links here. (Windows reports FAT's refusal as EISDIR.)
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR', 'EMLINK'].includes(code ?? '')) throw error;
  }
  try {
    // libuv removes a destination it created when the copy fails part-way.
    await copyFile(temp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** `name` for n = 1, else "base (n).ext", its base cut short where the whole would not fit a file system. */
function numbered(name: string, n: number): string {
  const ext = extname(name);
  const suffix = `${n === 1 ? '' : ` (${n})`}${ext}`;
  let base = [...name.slice(0, name.length - ext.length)];
  while (base.length > 1 && Buffer.byteLength(base.join('') + suffix) > NAME_MAX_BYTES) base = base.slice(0, -1);
  return base.join('') + suffix;
}

async function writeTemp(source: Readable, temp: string, signal?: AbortSignal, mode?: number): Promise<void> {
  // `flush` fsyncs before close, so publishing never shows a file whose bytes are still in cache.
  await pipeline(source, createWriteStream(temp, { flags: 'wx', flush: true, mode }), { signal });
}

function exportError(error: unknown, outPath: string, signal?: AbortSignal): unknown {
  if (isAbort(error) || signal?.aborted) return new AbortedError(`export to ${outPath}`);
  if (error instanceof CofferError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC') return new CofferError('DISK_FULL', `no space left to export to ${outPath}`, { cause: error });
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
    return new CofferError('INVALID_ARGUMENT', `cannot write ${outPath}: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
