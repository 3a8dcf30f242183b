import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-mode.js';

/**
 * Replaces `file` with `data` through a temp file and a rename, so a reader sees the old file or the
 * new one, never half of one; file and folder are private to their owner. Resolves with the new
 * file's stats, taken before the rename (which keeps them), so they describe this write even if
 * another process replaces the file straight after.
 */
export async function replacePrivateFile(file: string, data: string | Buffer): Promise<BigIntStats> {
  await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { mode: PRIVATE_FILE_MODE });
    const stats = await stat(temp, { bigint: true });
    await rename(temp, file);
    return stats;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
