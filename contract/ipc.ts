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
const endpoint = z.url({ protocol: /^https?$/ }).max(2048);

/**
 * Where an S3 location's credentials come from: the access key the user typed (its secret in the
 * OS keychain), or the AWS profile and environment of the user's account. The second signs
 * requests with the user's own AWS keys, so it is used only where the user chose it.
 */
export const credentialSource = z.enum(['keys', 'environment']);

/** The fields of an S3 location other than its secret; the settings file stores exactly these. */
export const s3LocationFields = {
  kind: z.literal('s3'),
  bucket,
  /** Key prefix inside the bucket, '' for the bucket root. */
  prefix: z
    .string()
    .max(1024)
    .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters'),
  endpoint: endpoint.optional(),
  region: z.string().regex(/^[a-z0-9-]{1,64}$/, 'is not a region name').optional(),
  forcePathStyle: z.boolean().optional(),
  accessKeyId: z.string().min(1).max(256).optional(),
  /** Absent only in settings written before it existed; main then infers it from accessKeyId. */
  credentialSource: credentialSource.optional(),
};

/** True for an endpoint on this machine, the one place plain http cannot be read or altered on the way. */
export function isLoopbackEndpoint(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A vault location as the renderer sends it. A folder's path must be one main offered (the default
 * folder, a recent vault, or the user's pick in the native folder dialog). An S3 endpoint must be
 * https, or http on loopback; main asks the user to confirm a new one in a native dialog. The S3
 * secret may come along; main uses it, stores it encrypted when the OS offers a keyring, and never
 * sends it back.
 */
export const locationInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), path: absolutePath }),
  z
    .strictObject({
      ...s3LocationFields,
      endpoint: endpoint
        .refine((u) => {
          const url = new URL(u);
          return url.protocol === 'https:' || isLoopbackEndpoint(url);
        }, 'must be https (plain http only on this computer)')
        .optional(),
      credentialSource,
      secretAccessKey: z.string().min(1).max(1024).optional(),
    })
    .refine((l) => (l.credentialSource === 'keys') === (l.accessKeyId !== undefined), {
      message: 'an access key id goes with the access-key credentials, and only with them',
      path: ['accessKeyId'],
    })
    .refine((l) => l.credentialSource === 'keys' || l.secretAccessKey === undefined, {
      message: 'a secret access key goes only with the access-key credentials',
      path: ['secretAccessKey'],
    }),
]);

/** A vault location as main shows it: never a secret, only whether one is stored. */
export const locationView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string() }),
  z.object({ ...s3LocationFields, credentialSource, hasStoredSecret: z.boolean() }),
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
  /** The folder to suggest for a new vault on this computer. */
  defaultFolder: z.string(),
  /**
   * While unlocked: items this device saw that vanished, or whose metadata went back to an older
   * revision, behind Coffer's back, until acknowledged (`coffer verify --acknowledge`).
   */
  anomalies: z.array(z.object({ id: z.string(), kind: z.enum(['vanished', 'rolled-back']), name: z.string().optional() })).optional(),
  /**
   * Whether `location` holds a vault: for a folder, whether its config file exists; null where
   * finding out would mean talking to storage the user has not opened this session (S3).
   */
  locationHasVault: z.boolean().nullable(),
  /** Vaults created or unlocked on this device, newest first; locations only, never a secret. */
  recent: z.array(locationView),
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
  /**
   * The folder the item was imported from, relative to the dropped or picked folder, '/'-separated
   * ('' for a file added on its own). Sealed in the item's metadata like its name.
   */
  folder: z.string(),
});

export const importJob = z.object({ jobId: z.string(), path: z.string(), name: z.string(), folder: z.string() });

export const language = z.enum(['system', 'en', 'ko']);
export const theme = z.enum(['system', 'light', 'dark']);
export const MAX_PARALLEL_IMPORTS = 4;

/** The user's preferences, kept in the app's settings file. */
const preferences = {
  /** Lock after this many idle minutes; 0 never locks on idle. */
  autoLockMinutes: z.number().int().min(0).max(1440),
  language,
  theme,
  /** How many files import at once. */
  parallelImports: z.number().int().min(1).max(MAX_PARALLEL_IMPORTS),
};

export const settingsView = z.object({
  ...preferences,
  secretStorage: secretStorageState,
});

/** What "Test connection" found. Each failure names what the user can fix. */
export const connectionReport = z.object({
  outcome: z.enum([
    /** The storage answered and the credentials may list it. */
    'reachable',
    /** The endpoint answered, but the bucket does not exist. */
    'bucket-missing',
    /** The storage refused these credentials or this bucket. */
    'access-denied',
    /** The endpoint's certificate was not accepted (self-signed, expired, wrong host…). */
    'tls-error',
    /** Nothing answered: wrong host, no network, or the service is down. */
    'unreachable',
    /** The folder does not exist or cannot be read. */
    'folder-unavailable',
  ]),
  /** When reachable: whether a vault is there already, the place is empty, or it holds other files. */
  contents: z.enum(['vault', 'empty', 'other-files']).nullable(),
  /** The storage's own words, for the curious; never a secret. */
  detail: z.string(),
});

/** Space the open vault uses, from its catalog (no storage listing). */
export const vaultUsage = z.object({
  items: z.number().int().nonnegative(),
  /** Sum of the items' plaintext sizes. */
  bytes: z.number().int().nonnegative(),
  /** Sum of the stored (compressed, encrypted) object sizes, metadata included. */
  storedBytes: z.number().int().nonnegative(),
});

export const MAX_TEXT_PREVIEW = 1024 * 1024;

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
  /** Space and item count of the open vault, from its catalog. */
  vaultUsage: { input: none, output: vaultUsage },
  /**
   * Queues what the user dropped on the window and answers at once; progress and results arrive
   * as importProgress events. A dropped folder is walked in main, its files keeping their path
   * inside it as their folder. The page's API takes the dropped File objects, never paths: the
   * preload turns them into paths (api.ts), so the page cannot name a file the user did not drop.
   */
  importDropped: {
    input: z.strictObject({ paths: z.array(absolutePath).min(1).max(MAX_IMPORT_BATCH) }),
    output: z.array(importJob),
  },
  /** Asks which files to add with the native open dialog, and queues them; [] when cancelled. */
  addFiles: { input: none, output: z.array(importJob) },
  /** Asks for a folder with the native dialog and queues every file in it; [] when cancelled. */
  addFolder: { input: none, output: z.array(importJob) },
  /** The native folder dialog; the chosen folder may then be given as a folder location. Null when cancelled. */
  chooseVaultFolder: { input: none, output: z.object({ path: z.string().nullable() }) },
  cancelImport: { input: z.strictObject({ jobId }), output: done },
  /** Cancels every queued and running import. */
  cancelAllImports: { input: none, output: done },
  /** Queues a failed or cancelled import again, as a new job. NOT_FOUND once it is forgotten. */
  retryImport: { input: z.strictObject({ jobId }), output: importJob },
  renameItem: { input: z.strictObject({ id: itemId, name: itemName }), output: itemSummary },
  deleteItem: { input: z.strictObject({ id: itemId }), output: done },
  /** Asks where to save with a native dialog; `path` is null when the user cancelled. */
  exportItem: { input: z.strictObject({ id: itemId }), output: z.object({ path: z.string().nullable() }) },
  /**
   * Asks for a folder with the native dialog and exports every item into it, never replacing a
   * file there (a name taken gets " (2)"). `folder` is null when the user cancelled.
   */
  exportItems: {
    input: z.strictObject({ ids: z.array(itemId).min(1).max(MAX_IMPORT_BATCH) }),
    output: z.object({ folder: z.string().nullable(), written: z.number().int().nonnegative() }),
  },
  getSettings: { input: none, output: settingsView },
  /** Changes the given preferences, keeping the others. */
  setSettings: { input: z.strictObject(preferences).partial(), output: settingsView },
  /** Rewraps the vault's key under a new passphrase (WRONG_PASSPHRASE, WEAK_PASSPHRASE). */
  changePassphrase: { input: z.strictObject({ current: passphrase, next: newPassphrase }), output: done },
  /** Forgets every passphrase and S3 secret this device remembers. */
  forgetSecrets: { input: none, output: done },
  /** Tries the location's storage without changing anything, and says what it found. */
  testConnection: { input: z.strictObject({ location: locationInput }), output: connectionReport },
  /**
   * A vault://media/<token> URL for the item, valid until the vault locks, and where playback last
   * stopped on this device (seconds), if it did.
   */
  mediaUrl: { input: z.strictObject({ id: itemId }), output: z.object({ url: z.string(), resumeAt: z.number().nonnegative().nullable() }) },
  /** Remembers, in this device's settings, where playback of an item stopped; null forgets it (played to the end). */
  savePosition: { input: z.strictObject({ id: itemId, seconds: z.number().nonnegative().max(1e7).nullable() }), output: done },
  /** The start of a text item (text/*, JSON), decoded as UTF-8, at most MAX_TEXT_PREVIEW bytes of it. */
  previewText: { input: z.strictObject({ id: itemId }), output: z.object({ text: z.string(), truncated: z.boolean() }) },
  /**
   * Serves the item on a loopback URL the way `coffer serve` does (Host check, secret path), until
   * the vault locks, and opens it with the system's default handler or copies it to the clipboard.
   */
  externalPlayer: { input: z.strictObject({ id: itemId, action: z.enum(['open', 'copy']) }), output: z.object({ url: z.string() }) },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

/**
 * A file's import: waiting its turn; reading, compressing, encrypting and uploading as one stream;
 * every byte read and sealed, the upload finishing; then one of the three ends.
 */
export const importState = z.enum(['queued', 'encrypting', 'uploading', 'done', 'failed', 'cancelled']);

/** One entry per event: the schema of its payload. */
export const events = {
  /** Per file; `done` carries the new item, `failed` the error. */
  importProgress: z.object({
    jobId: z.string(),
    name: z.string(),
    folder: z.string(),
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
export type CredentialSource = z.output<typeof credentialSource>;
export type SettingsView = z.output<typeof settingsView>;
export type SecretStorageState = z.output<typeof secretStorageState>;
export type Language = z.output<typeof language>;
export type Theme = z.output<typeof theme>;
export type ConnectionReport = z.output<typeof connectionReport>;
export type VaultUsage = z.output<typeof vaultUsage>;
export type LockReason = EventPayload<'locked'>['reason'];
