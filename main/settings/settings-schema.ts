import { z } from 'zod';
import { absolutePath, language, MAX_PARALLEL_IMPORTS, s3LocationFields, theme } from '../../contract/ipc.js';

export const MAX_RECENT = 10;
export const MAX_CONFIRMED = 100;
/** Playback positions kept, over every vault; saving one more forgets the oldest. */
export const MAX_PLAYBACK_POSITIONS = 1000;

/** The vault location the settings file remembers: never a secret (those live in the secret store). */
export const storedLocation = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), path: absolutePath }),
  z.strictObject(s3LocationFields),
]);

/** Where playback of one item last stopped on this device. */
export const playbackPosition = z.strictObject({
  /** The vault's location key (ipc/locations.ts locationKey): two vaults' item ids never mix. */
  vault: z.string().max(4096),
  item: z.string().max(128),
  seconds: z.number().nonnegative().max(1e7),
});

/**
 * settings.json in the app's userData folder. Fields added after the first release have defaults,
 * so a file written before them loads as it was, with the new preferences at their defaults.
 */
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
  language: language.default('system'),
  theme: theme.default('system'),
  /** How many files import at once. */
  parallelImports: z.number().int().min(1).max(MAX_PARALLEL_IMPORTS).default(2),
  /** Newest first, at most MAX_PLAYBACK_POSITIONS (playback-positions.ts). */
  playbackPositions: z.array(playbackPosition).max(MAX_PLAYBACK_POSITIONS).default([]),
});

export type Settings = z.output<typeof settingsSchema>;
export type StoredLocation = z.output<typeof storedLocation>;
export type PlaybackPosition = z.output<typeof playbackPosition>;

/**
 * Settings for a first start: a vault folder inside userData, locking after 10 idle minutes, the
 * system's language and theme, two imports at once.
 */
export function defaultSettings(defaultVaultFolder: string): Settings {
  return settingsSchema.parse({ version: 1, location: { kind: 'folder', path: defaultVaultFolder }, autoLockMinutes: 10 });
}
