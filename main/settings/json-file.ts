import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { PRIVATE_FILE_MODE } from '../private-mode.js';

/** What reading a JSON file found. */
export type JsonFileRead<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  | { kind: 'corrupt'; reason: string };

/** Reads and validates a JSON file; unreadable JSON and schema failures are `corrupt`, not thrown. */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<JsonFileRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'corrupt', reason: parsed.error.message };
}

/**
 * Writes `value` as JSON through a temp file and a rename, so a crash mid-write leaves either the
 * old file or the new one, never half of one. The file is readable by its owner only.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Moves a corrupt file aside as `<file>.corrupt-<time>` and returns that path. */
export async function backUpCorrupt(file: string, now: Date): Promise<string> {
  const backup = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, backup);
  return backup;
}
