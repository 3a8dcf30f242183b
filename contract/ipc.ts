/**
 * The IPC contract: one zod schema for the argument and the result of every request, and for the
 * payload of every event. Main parses every argument with these before a handler runs, and every
 * result before it leaves, so only declared fields ever cross. Arguments are strict (unknown
 * fields are refused); results strip what is not declared.
 */
import { z } from 'zod';
import type { CallName, EventName } from './channels.js';
import { ipcErrorCodes } from './errors.js';
import { MIN_PASSPHRASE_LENGTH } from './passphrase-strength.js';

// Limits keep a hostile or buggy renderer from handing main megabytes to chew on.
const MAX_PATH = 4096;
const MAX_PASSPHRASE = 1024;
const MAX_IMPORT_BATCH = 1000;

// eslint-disable-next-line no-control-regex -- control characters are exactly what these refuse
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** An absolute path as either OS spells it: /… on POSIX, C:\… or \\server\share on Windows. */
export const absolutePath = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(p), 'must be an absolute path');

const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'is not an item id');
const jobId = z.uuid();
const itemName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters');
const passphrase = z.string().min(1).max(MAX_PASSPHRASE);
/**
 * A new vault's passphrase: only the length bounds here. The whole rule ([Note: passphrase rule]) is
 * the core's, which refuses a weak one with WEAK_PASSPHRASE and says why.
 */
const newPassphrase = z.string().min(MIN_PASSPHRASE_LENGTH, `must be at least ${MIN_PASSPHRASE_LENGTH} characters`).max(MAX_PASSPHRASE);
const none = z.undefined();
const done = z.null();

const bucket = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'is not a valid bucket name');
/** The fields of an S3 location other than its secret; the settings file stores exactly these. */
export const s3LocationFields = {
  kind: z.literal('s3'),
  bucket,
  /** Key prefix inside the bucket, '' for the bucket root. */
  prefix: z
    .string()
    .max(1024)
    .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters'),
  endpoint: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  region: z.string().regex(/^[a-z0-9-]{1,64}$/, 'is not a region name').optional(),
  forcePathStyle: z.boolean().optional(),
  accessKeyId: z.string().min(1).max(256).optional(),
};

/**
 * A vault location as the renderer sends it. The S3 secret may come along; main uses it, stores
 * it encrypted when the OS offers a keyring, and never sends it back.
 */
export const locationInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), path: absolutePath }),
  z.strictObject({ ...s3LocationFields, secretAccessKey: z.string().min(1).max(1024).optional() }),
]);

/** A vault location as main shows it: never a secret, only whether one is stored. */
export const locationView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string() }),
  z.object({ ...s3LocationFields, hasStoredSecret: z.boolean() }),
]);

/** Why a secret could not be kept on this device, if it could not. */
export const secretStorageState = z.enum([
  'available',
  /** Linux with no keyring: Electron would "encrypt" with a hard-coded key, so Coffer refuses. */
  'basic-text',
  'unavailable',
]);

export const vaultStatus = z.object({
  state: z.enum(['locked', 'unlocked']),
  /** The open vault's location, or the one to offer on the unlock screen. */
  location: locationView,
  /** True when a passphrase for `location` is remembered on this device. */
  rememberedUnlock: z.boolean(),
});

export const unlockResult = z.object({
  status: vaultStatus,
  /** Set when the user asked Coffer to keep a secret (passphrase or S3 key) and it could not. */
  secretsNotStored: z.enum(['basic-text', 'unavailable']).nullable(),
});

export const itemSummary = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  type: z.string(),
  added: z.string(),
  compressed: z.boolean(),
});

export const importJob = z.object({ jobId: z.string(), path: z.string(), name: z.string() });

export const settingsView = z.object({
  /** Lock after this many idle minutes; 0 never locks on idle. */
  autoLockMinutes: z.number().int(),
  secretStorage: secretStorageState,
});

const unlockInput = { location: locationInput, remember: z.boolean() };

/** One entry per request: the schema of its single argument and of its result. */
export const calls = {
  createVault: { input: z.strictObject({ ...unlockInput, passphrase: newPassphrase }), output: unlockResult },
  unlock: { input: z.strictObject({ ...unlockInput, passphrase }), output: unlockResult },
  /** Unlocks the last used location with the passphrase remembered on this device. */
  unlockRemembered: { input: none, output: unlockResult },
  forgetRemembered: { input: none, output: done },
  lock: { input: none, output: done },
  status: { input: none, output: vaultStatus },
  listItems: { input: none, output: z.array(itemSummary) },
  /** Queues the files and answers at once; progress and results arrive as importProgress events. */
  importFiles: {
    input: z.strictObject({ paths: z.array(absolutePath).min(1).max(MAX_IMPORT_BATCH) }),
    output: z.array(importJob),
  },
  cancelImport: { input: z.strictObject({ jobId }), output: done },
  renameItem: { input: z.strictObject({ id: itemId, name: itemName }), output: itemSummary },
  deleteItem: { input: z.strictObject({ id: itemId }), output: done },
  /** Asks where to save with a native dialog; `path` is null when the user cancelled. */
  exportItem: { input: z.strictObject({ id: itemId }), output: z.object({ path: z.string().nullable() }) },
  getSettings: { input: none, output: settingsView },
  setSettings: {
    input: z.strictObject({ autoLockMinutes: z.number().int().min(0).max(1440) }),
    output: settingsView,
  },
  /** Succeeds when the location's storage answers; fails with STORE_UNAVAILABLE or ACCESS_DENIED. */
  testConnection: { input: z.strictObject({ location: locationInput }), output: done },
  /** A vault://media/<token> URL for the item, valid until the vault locks. */
  mediaUrl: { input: z.strictObject({ id: itemId }), output: z.object({ url: z.string() }) },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

export const importState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** One entry per event: the schema of its payload. */
export const events = {
  /** Per file; `done` carries the new item, `failed` the error. */
  importProgress: z.object({
    jobId: z.string(),
    name: z.string(),
    state: importState,
    bytesRead: z.number().nonnegative(),
    total: z.number().nonnegative(),
    /** Bytes per second, smoothed. */
    rate: z.number().nonnegative(),
    etaSeconds: z.number().nonnegative().nullable(),
    item: itemSummary.nullable(),
    error: z.object({ code: z.enum(ipcErrorCodes), message: z.string() }).nullable(),
  }),
  catalogChanged: z.object({ reason: z.enum(['import', 'rename', 'delete']) }),
  locked: z.object({ reason: z.enum(['user', 'idle', 'suspend', 'lock-screen']) }),
} satisfies Record<EventName, z.ZodType>;

export type CallInput<K extends CallName> = z.output<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof calls)[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export type LocationInput = z.output<typeof locationInput>;
export type LocationView = z.output<typeof locationView>;
export type VaultStatus = z.output<typeof vaultStatus>;
export type UnlockResult = z.output<typeof unlockResult>;
export type ItemSummaryView = z.output<typeof itemSummary>;
export type ImportJob = z.output<typeof importJob>;
export type ImportState = z.output<typeof importState>;
export type SettingsView = z.output<typeof settingsView>;
export type SecretStorageState = z.output<typeof secretStorageState>;
export type LockReason = EventPayload<'locked'>['reason'];
