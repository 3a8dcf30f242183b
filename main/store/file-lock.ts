import { open, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CofferError } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-mode.js';

export interface FileLockTimes {
  /** How long to wait for another holder before giving up with CONFLICT. */
  waitMs: number;
  /** A lock file older than this was left by a process that died holding it, and may be broken. */
  staleMs: number;
}

/** Holders keep a lock for one stat and one rename, so a few seconds of waiting is plenty. */
const DEFAULT_LOCK_TIMES: FileLockTimes = { waitMs: 10_000, staleMs: 2 * 60_000 };

const POLL_MS = 25;

/**
 * Runs `fn` while holding the lock file `path`, which exists only while someone holds it: it is
 * created with O_EXCL (`wx`), so of several processes exactly one succeeds, and removed afterwards.
 * A lock older than `staleMs` is removed and taken. (Two processes that both find the same stale
 * lock could in principle both proceed; with a two-minute threshold that needs a crash and two
 * writers within one poll interval of each other.)
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, times: FileLockTimes = DEFAULT_LOCK_TIMES): Promise<T> {
  const deadline = Date.now() + times.waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
      await handle.writeFile(`${process.pid}\n`).finally(() => handle.close());
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await stat(path).catch(() => undefined);
    if (held && Date.now() - held.mtimeMs > times.staleMs) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new CofferError('CONFLICT', `another process has held ${path} for over ${times.waitMs / 1000} s; nothing was written`);
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
