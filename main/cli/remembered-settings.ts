import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CofferError } from '../errors.js';
import { PRIVATE_DIR_MODE } from '../private-mode.js';
import { readJsonFile, writeJsonFile } from '../settings/json-file.js';

/** S3 connection settings as given on the command line or remembered for a vault. */
export interface S3Settings {
  endpoint?: string;
  region?: string;
  pathStyle?: boolean;
}

const settingsSchema = z.strictObject({
  endpoint: z.string().optional(),
  region: z.string().optional(),
  pathStyle: z.boolean().optional(),
});
const fileSchema = z.strictObject({ version: z.literal(1), vaults: z.record(z.string(), settingsSchema) });
type SettingsFile = z.output<typeof fileSchema>;

/** The file in the config folder that maps vault URLs to their S3 settings. */
export function settingsFile(dir: string): string {
  return join(dir, 'vaults.json');
}

async function load(dir: string): Promise<SettingsFile> {
  const file = settingsFile(dir);
  const read = await readJsonFile(file, fileSchema);
  if (read.kind === 'missing') return { version: 1, vaults: {} };
  // Refused rather than overwritten: it may hold settings for vaults the user cannot otherwise reach.
  if (read.kind === 'corrupt') throw new CofferError('INVALID_ARGUMENT', `${file} is damaged, fix or delete it: ${read.reason}`);
  return read.value;
}

/** The settings `coffer init` remembered for `url` (as VaultTarget.url spells it), if any. */
export async function rememberedSettings(dir: string, url: string): Promise<S3Settings | undefined> {
  return (await load(dir)).vaults[url];
}

/**
 * Remembers `settings` for `url`, replacing what was there, through a temp file and a rename. No
 * credentials ever pass through here: they stay with the AWS SDK's provider chain.
 */
export async function rememberSettings(dir: string, url: string, settings: S3Settings): Promise<void> {
  const current = await load(dir);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeJsonFile(settingsFile(dir), { ...current, vaults: { ...current.vaults, [url]: settings } });
}
