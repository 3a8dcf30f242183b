import { backUpCorrupt, readJsonFile, writeJsonFile } from './json-file.js';
import { defaultSettings, settingsSchema, type Settings } from './settings-schema.js';

/** The settings, loaded once and kept in memory; updates are validated and written through. */
export interface SettingsStore {
  get(): Settings;
  /** Validates the merged settings (throws a ZodError on a bad value) and saves them. */
  update(patch: Partial<Omit<Settings, 'version'>>): Promise<Settings>;
}

export interface OpenSettingsOptions {
  file: string;
  /** Where a first start puts its vault folder. */
  defaultVaultFolder: string;
  log: (message: string) => void;
  now?: () => Date;
}

/**
 * Loads settings. A missing file means defaults. A file that is not JSON or does not match the
 * schema is moved aside (settings.json.corrupt-<time>) and replaced by defaults: a broken settings
 * file must never keep the app from starting, nor be silently overwritten.
 */
export async function openSettingsStore({
  file,
  defaultVaultFolder,
  log,
  now = () => new Date(),
}: OpenSettingsOptions): Promise<SettingsStore> {
  let current = defaultSettings(defaultVaultFolder);
  const read = await readJsonFile(file, settingsSchema);
  if (read.kind === 'ok') current = read.value;
  if (read.kind === 'corrupt') {
    const backup = await backUpCorrupt(file, now());
    log(`settings were corrupt (${read.reason}); moved to ${backup} and reset to defaults`);
    await writeJsonFile(file, current);
  }

  // Writes run one at a time, in order, so the file always ends with the latest settings.
  let writing: Promise<unknown> = Promise.resolve();
  return {
    get: () => current,
    async update(patch) {
      const next = settingsSchema.parse({ ...current, ...patch });
      current = next;
      const write = writing.then(() => writeJsonFile(file, next));
      writing = write.catch(() => undefined);
      await write;
      return next;
    },
  };
}
