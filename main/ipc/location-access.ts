import { resolve } from 'node:path';
import { AbortedError, CofferError } from '../errors.js';
import { MAX_CONFIRMED, MAX_RECENT, type StoredLocation } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { credentialSourceOf, locationKey, storageIdentity } from './locations.js';

type S3Stored = Extract<StoredLocation, { kind: 's3' }>;

/** What the native confirmation dialog shows about an S3 location. */
export interface StorageSummary {
  /** The endpoint URL, or undefined for AWS S3 itself. */
  endpoint: string | undefined;
  region: string | undefined;
  bucket: string;
  prefix: string;
  /** `environment` signs with the user's own AWS profile or environment; `keys` with the typed key id. */
  credentials: { source: 'keys'; accessKeyId: string } | { source: 'environment' };
}

export interface LocationAccessOptions {
  settings: SettingsStore;
  /** The folder a first start offers, inside the app's own userData. */
  defaultVaultFolder: string;
  /** Asks the user, in a main-process dialog, whether Coffer may connect to this storage. */
  confirmStorage: (summary: StorageSummary) => Promise<boolean>;
}

/**
 * [Note: The page names no location]
 * The renderer decodes hostile media, so a location it sends is never taken on its word. A folder
 * must be one main offered: the default folder, the current or a recent vault, or one the user
 * picked in the native folder dialog this run. An S3 location is used only after the user
 * confirmed its endpoint, bucket, prefix and credential source in a native dialog (once; the
 * confirmation is remembered in settings). Without this, a compromised page could create a vault on
 * an endpoint it owns and have main upload the user's files to it, signed with the user's AWS keys.
 */
export class LocationAccess {
  readonly #settings: SettingsStore;
  readonly #defaultFolder: string;
  readonly #confirm: LocationAccessOptions['confirmStorage'];
  readonly #picked = new Set<string>();

  constructor({ settings, defaultVaultFolder, confirmStorage }: LocationAccessOptions) {
    this.#settings = settings;
    this.#defaultFolder = resolve(defaultVaultFolder);
    this.#confirm = confirmStorage;
  }

  get defaultFolder(): string {
    return this.#defaultFolder;
  }

  /** Records a folder the user chose in the native dialog. */
  grantPicked(path: string): void {
    this.#picked.add(resolve(path));
  }

  /**
   * Throws unless the page may use this location: a folder main offered, or S3 storage the user has
   * confirmed (asking now if they have not; declining is ABORTED).
   */
  async admit(location: StoredLocation): Promise<void> {
    if (location.kind === 'folder') {
      if (!this.#offeredFolders().has(resolve(location.path))) {
        throw new CofferError('INVALID_ARGUMENT', 'choose the vault folder with "Choose folder…"; typed paths are not accepted');
      }
      return;
    }
    await this.#confirmS3(location);
  }

  /** Puts `location` first in the recent list (and makes it the current one). */
  async remember(location: StoredLocation): Promise<void> {
    const key = locationKey(location);
    const others = this.#settings.get().recentLocations.filter((l) => locationKey(l) !== key);
    await this.#settings.update({ location, recentLocations: [location, ...others].slice(0, MAX_RECENT) });
  }

  #offeredFolders(): Set<string> {
    const { location, recentLocations } = this.#settings.get();
    const folders = [location, ...recentLocations].flatMap((l) => (l.kind === 'folder' ? [resolve(l.path)] : []));
    return new Set([this.#defaultFolder, ...folders, ...this.#picked]);
  }

  async #confirmS3(location: S3Stored): Promise<void> {
    const identity = storageIdentity(location);
    const confirmed = this.#settings.get().confirmedStorage;
    if (confirmed.includes(identity)) return;
    const source = credentialSourceOf(location);
    const allowed = await this.#confirm({
      endpoint: location.endpoint,
      region: location.region,
      bucket: location.bucket,
      prefix: location.prefix,
      credentials: source === 'keys' ? { source, accessKeyId: location.accessKeyId ?? '' } : { source },
    });
    if (!allowed) throw new AbortedError(`connecting to s3://${location.bucket}/${location.prefix}`);
    const latest = this.#settings.get().confirmedStorage.filter((c) => c !== identity);
    await this.#settings.update({ confirmedStorage: [identity, ...latest].slice(0, MAX_CONFIRMED) });
  }
}

/** The native confirmation dialog's text: what will be contacted, and with whose credentials. */
export function confirmationText(summary: StorageSummary): { message: string; detail: string; confirm: string; cancel: string } {
  const where = summary.endpoint ?? `AWS S3${summary.region ? ` (${summary.region})` : ''}`;
  const credentials =
    summary.credentials.source === 'environment'
      ? 'your own AWS profile or environment (the AWS keys of this computer’s account)'
      : `the access key ${summary.credentials.accessKeyId}`;
  return {
    message: 'Connect Coffer to this storage?',
    detail: [
      `Endpoint: ${where}`,
      `Bucket: ${summary.bucket}`,
      `Folder in the bucket: ${summary.prefix === '' ? '(the whole bucket)' : summary.prefix}`,
      `Signed with: ${credentials}`,
      '',
      'Coffer will send your encrypted files there. Connect only if you set up this storage yourself.',
    ].join('\n'),
    confirm: 'Connect',
    cancel: 'Cancel',
  };
}
