import { z } from 'zod';
import { absolutePath, s3LocationFields } from '../../contract/ipc.js';

export const MAX_RECENT = 10;
export const MAX_CONFIRMED = 100;

/** The vault location the settings file remembers: never a secret (those live in the secret store). */
export const storedLocation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), path: absolutePath }),
  z.strictObject(s3LocationFields),
]);

/** settings.json in the app's userData folder. */
export const settingsSchema = z.strictObject({
  version: z.literal(1),
  /** The last vault created or unlocked; the unlock screen offers it. */
  location: storedLocation,
  /** Lock after this many idle minutes; 0 never locks on idle. */
  autoLockMinutes: z.number().int().min(0).max(1440),
  /** Vaults created or unlocked here, newest first; locations only, never a secret. */
  recentLocations: z.array(storedLocation).max(MAX_RECENT).default([]),
  /** S3 locations the user confirmed in the native dialog (locations.ts storageIdentity). */
  confirmedStorage: z.array(z.string().max(4096)).max(MAX_CONFIRMED).default([]),
});

export type Settings = z.output<typeof settingsSchema>;
export type StoredLocation = z.output<typeof storedLocation>;

/** Settings for a first start: a vault folder inside userData, locking after 10 idle minutes. */
export function defaultSettings(defaultVaultFolder: string): Settings {
  return { version: 1, location: { kind: 'folder', path: defaultVaultFolder }, autoLockMinutes: 10, recentLocations: [], confirmedStorage: [] };
}
