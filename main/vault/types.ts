import type { Readable } from 'node:stream';
import type { ItemSummary } from '../catalog/item-summary.js';
import type { VaultAnomaly } from '../catalog/seen-state.js';
import type { ImportOptions } from '../pipeline/import-options.js';

/** An unlocked vault. Every method throws a CofferError with a stable code on failure. */
export interface Vault {
  readonly location: string;
  list(): Promise<ItemSummary[]>;
  /** Throws NotFoundError for an unknown id. */
  item(id: string): Promise<ItemSummary>;
  importFile(path: string, options?: ImportOptions): Promise<ItemSummary>;
  rename(id: string, name: string): Promise<ItemSummary>;
  remove(id: string): Promise<void>;
  /** Decrypts an item to `outPath` through a temp file and rename. */
  exportTo(id: string, outPath: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Decrypts an item into `folder` as a new file `name`, or "name (2)"…, never replacing one; answers its path. */
  exportInto(id: string, folder: string, name: string, options?: { signal?: AbortSignal }): Promise<string>;
  /** Plaintext bytes [start, end] (end inclusive, clamped to size - 1). Destroying the stream aborts the storage read. */
  openRange(id: string, start: number, end?: number, signal?: AbortSignal): Promise<Readable>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
  /**
   * Item count, plaintext bytes, and stored bytes (content and metadata objects) from the catalog as
   * last listed: no storage call, but for one listing if the vault was never listed.
   */
  usage(): Promise<VaultUsage>;
  /** Items that vanished or were rolled back behind Coffer's back, as this device noticed, until acknowledged. */
  anomalies(): Promise<VaultAnomaly[]>;
  /** Forgets keys and cached plaintext metadata; every later call throws LOCKED. */
  lock(): void;
}

export interface VaultUsage {
  items: number;
  bytes: number;
  storedBytes: number;
}

/** Where a vault lives. S3 credentials fall back to the standard AWS provider chain when absent. */
export type VaultLocation =
  | { kind: 'folder'; path: string }
  | {
      kind: 's3';
      bucket: string;
      /** Key prefix inside the bucket, '' for the bucket root. */
      prefix: string;
      endpoint?: string;
      region?: string;
      forcePathStyle?: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    };

/**
 * The vault entry points (implemented in main/vault/open-vault.ts):
 *   createVault(location, passphrase): Promise<Vault>   — VAULT_EXISTS, LOCATION_NOT_EMPTY (anything else there)
 *   openVault(location, passphrase): Promise<Vault>     — WRONG_PASSPHRASE, NOT_A_VAULT, CORRUPT_CONFIG
 */
export type VaultOpener = (location: VaultLocation, passphrase: string) => Promise<Vault>;
