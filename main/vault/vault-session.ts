import type { Readable } from 'node:stream';
import { Catalog, type Keyring } from '../catalog/catalog.js';
import { summarize, type ItemMetadata } from '../catalog/item-metadata.js';
import { CofferError, CorruptObjectError } from '../errors.js';
import { assertStrongPassphrase } from '../keys/passphrase-rule.js';
import type { ScryptCost } from '../keys/scrypt-kdf.js';
import { beginRekey, changePassphrase, finishRekey } from '../keys/slot-changes.js';
import type { VaultConfig } from '../keys/vault-config.js';
import { exportAsNewFile, writeExport } from '../pipeline/export.js';
import { RangedReader } from '../pipeline/ranged-read.js';
import { uploadFile } from '../pipeline/upload.js';
import type { ObjectStore } from '../store/object-store.js';
import { writeVaultConfig, type StoredConfig } from './config-object.js';
import { contentKey, objectIdOf } from '../catalog/storage-keys.js';
import type { MetadataCache } from '../catalog/metadata-cache.js';
import type { SeenRecord } from '../catalog/seen-record.js';
import type { VaultAnomaly } from '../catalog/seen-state.js';
import type { ImportOptions } from '../pipeline/import-options.js';
import type { ItemSummary } from '../catalog/item-summary.js';
import type { Vault, VaultUsage } from './types.js';
import { moveItemsToCurrentKey, type MoveResult, type RekeyProgress } from './rekey.js';
import { throwIfAborted } from '../store/abort.js';

/** What `verify` found for one item. */
export interface VerifyResult {
  id: string;
  name: string;
  ok: boolean;
  error?: CofferError;
}

const NAME_MAX = 1024;

export interface RekeyOptions {
  /** Needed to start a rekey, refused when resuming one: the new master key's only slot. */
  newPassphrase?: string;
  /** Aborting stops between or during items; the next rekey continues from there. */
  signal?: AbortSignal;
  onItem?: (progress: RekeyProgress) => void;
}

export interface RekeyResult extends MoveResult {
  /** True once nothing is left under the old key and the config no longer holds it. */
  finished: boolean;
}

export interface SessionOptions {
  cache?: MetadataCache;
  /** This device's record of what it has seen in the vault (tamper evidence); none without a cache folder. */
  seen?: SeenRecord;
  /** scrypt cost of the slots this session writes (see OpenVaultOptions.kdf). */
  kdf: ScryptCost;
}

/** An unlocked vault: the master key in memory, and every operation on the core built from it. */
export class VaultSession implements Vault {
  readonly location: string;
  /** The current master key, then the retired one while a rekey is under way; undefined once locked. */
  private keys: Keyring | undefined;
  private config: VaultConfig;
  /** The stored config's etag when this session last read or wrote it: config writes are made against it. */
  private configEtag: string;
  private catalog: Catalog;
  private reader: RangedReader;

  constructor(
    private readonly store: ObjectStore,
    stored: StoredConfig,
    keys: Keyring,
    private readonly options: SessionOptions,
  ) {
    this.location = store.location;
    this.config = stored.config;
    this.configEtag = stored.etag;
    this.keys = keys;
    this.catalog = new Catalog(store, keys, options.cache, options.seen);
    this.reader = new RangedReader(store, keys);
  }

  get vaultId(): string {
    return this.config.vaultId;
  }

  async list(): Promise<ItemSummary[]> {
    this.assertUnlocked();
    return (await this.catalog.refresh()).map(summarize);
  }

  async item(id: string): Promise<ItemSummary> {
    return summarize(await this.meta(id));
  }

  /** An item by id, unambiguous id prefix or exact name (AMBIGUOUS lists the candidates). */
  async resolve(ref: string): Promise<ItemSummary> {
    this.assertUnlocked();
    return summarize(await this.catalog.resolve(ref));
  }

  async importFile(path: string, options?: ImportOptions): Promise<ItemSummary> {
    return summarize(await uploadFile(this.store, this.catalog, this.key(), path, options));
  }

  async rename(id: string, name: string): Promise<ItemSummary> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > NAME_MAX || [...trimmed].some((c) => c < ' ' || c === '\u007f')) {
      throw new CofferError('INVALID_ARGUMENT', `a name must be 1 to ${NAME_MAX} characters without control characters`);
    }
    await this.meta(id);
    return summarize(await this.catalog.revise(id, (meta) => ({ ...meta, name: trimmed })));
  }

  /**
   * Deletes the content, then replaces the metadata with a tombstone so other devices know the item
   * was deleted rather than lost. In this order a failure leaves no content that nothing describes:
   * if the content delete fails nothing changed, and if the tombstone fails the item is still listed
   * and removing it again finishes the job.
   */
  async remove(id: string): Promise<void> {
    await this.meta(id);
    await this.store.delete(contentKey(id));
    await this.catalog.remove(id);
  }

  async exportTo(id: string, outPath: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await writeExport(await this.openRange(id, 0, undefined, options.signal), outPath, options.signal);
  }

  /** [Note: Export without replacing] in export.ts. */
  async exportInto(id: string, folder: string, name: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    return exportAsNewFile(await this.openRange(id, 0, undefined, options.signal), folder, name, options.signal);
  }

  async openRange(id: string, start: number, end?: number, signal?: AbortSignal): Promise<Readable> {
    const meta = await this.meta(id);
    if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
      throw new CofferError('INVALID_ARGUMENT', `invalid range ${start}-${end ?? ''}`);
    }
    return this.reader.open(meta, start, end, signal);
  }

  /** WEAK_PASSPHRASE for a new passphrase that fails the rule; CONFLICT if the config changed elsewhere. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    this.assertUnlocked();
    await assertStrongPassphrase(newPassphrase);
    await this.writeConfig(await changePassphrase(this.config, oldPassphrase, newPassphrase, this.options.kdf));
  }

  /** True while a rekey is under way: items are read under the previous master key too. */
  get rekeyInProgress(): boolean {
    return this.config.retired !== undefined;
  }

  /**
   * Replaces the master key and re-encrypts every item under the new one, or continues a rekey that
   * was interrupted ([Note: rekey] in rekey.ts). WEAK_PASSPHRASE for a weak new passphrase, CONFLICT
   * if the config changed elsewhere, ABORTED when `signal` fires (run it again to continue).
   */
  async rekey(options: RekeyOptions = {}): Promise<RekeyResult> {
    const { newPassphrase, signal, onItem } = options;
    const [oldKey] = this.keyring();
    if (!this.rekeyInProgress) {
      if (newPassphrase === undefined) throw new CofferError('INVALID_ARGUMENT', 'a rekey needs the new passphrase to put the new master key under');
      await assertStrongPassphrase(newPassphrase);
      throwIfAborted(signal, 'rekey');
      const started = await beginRekey(this.config, oldKey, newPassphrase, this.options.kdf);
      try {
        await this.writeConfig(started.config);
      } catch (error) {
        started.masterKey.fill(0);
        throw error;
      }
      this.useKeys([started.masterKey, oldKey]);
    } else if (newPassphrase !== undefined) {
      throw new CofferError('INVALID_ARGUMENT', 'a rekey is already under way: run it again without a new passphrase to finish it');
    }
    const [current, ...retired] = this.keyring();
    const moved = await moveItemsToCurrentKey(this.store, this.catalog, this.reader, current, { signal, onItem });
    if (moved.remaining > 0) return { ...moved, finished: false };
    await this.writeConfig(finishRekey(this.config));
    this.useKeys([current]);
    for (const key of retired) key.fill(0);
    return { ...moved, finished: true };
  }

  /**
   * Reads and authenticates every chunk of the given items (all by default), and reports metadata
   * that could not be opened. Nothing is written.
   */
  async verify(ids?: string[], onItem?: (result: VerifyResult) => void): Promise<VerifyResult[]> {
    this.assertUnlocked();
    const items = await this.catalog.refresh();
    const chosen = ids ? await Promise.all(ids.map((id) => this.meta(id))) : items;
    const results: VerifyResult[] = ids ? [] : this.catalog.problems().map((p) => ({ id: p.id, name: '(unreadable metadata)', ok: false, error: p.error }));
    results.forEach((r) => onItem?.(r));
    for (const meta of chosen) {
      const result = await this.verifyOne(meta);
      results.push(result);
      onItem?.(result);
    }
    return results;
  }

  async usage(): Promise<VaultUsage> {
    this.assertUnlocked();
    if (!this.catalog.listed) await this.catalog.refresh();
    const items = this.catalog.items();
    // Mid-rekey an item is stored twice, under each key; both copies take space.
    const contentBytes = this.catalog.itemsWithKeys().reduce((sum, { meta }) => sum + meta.storedSize, 0);
    return {
      items: items.length,
      bytes: items.reduce((sum, meta) => sum + meta.size, 0),
      storedBytes: contentBytes + this.catalog.metadataBytes(),
    };
  }

  /**
   * Items that vanished, or whose metadata went back to an older revision, since this device last
   * looked, until acknowledged; compared on every listing. Empty without a cache folder to keep this
   * device's record in.
   */
  async anomalies(): Promise<VaultAnomaly[]> {
    this.assertUnlocked();
    if (!this.options.seen) return [];
    if (!this.options.seen.compared) await this.catalog.refresh();
    return this.options.seen.anomalies();
  }

  /** Clears the reports `anomalies()` gives and returns them. */
  async acknowledgeAnomalies(): Promise<VaultAnomaly[]> {
    this.assertUnlocked();
    if (!this.options.seen) return [];
    if (!this.options.seen.compared) await this.catalog.refresh();
    return this.options.seen.acknowledge();
  }

  /** Zeroes the master key and every per-object key cached from it, and forgets the decrypted catalog. */
  lock(): void {
    this.options.seen?.close();
    for (const key of this.keys ?? []) key.fill(0);
    this.keys = undefined;
    this.reader.clear();
    this.catalog.clear();
  }

  /** Reads and writes with `keys` from now on; the caller zeroes any master key it drops. */
  private useKeys(keys: Keyring): void {
    this.reader.clear();
    this.catalog.clear();
    this.keys = keys;
    this.options.seen?.useKeys(keys);
    this.catalog = new Catalog(this.store, keys, this.options.cache, this.options.seen);
    this.reader = new RangedReader(this.store, keys);
  }

  /** CONFLICT, writing nothing, if another device or process changed the stored config since it was read here. */
  private async writeConfig(next: VaultConfig): Promise<void> {
    this.configEtag = await writeVaultConfig(this.store, next, this.configEtag);
    this.config = next;
  }

  private async verifyOne(meta: ItemMetadata): Promise<VerifyResult> {
    try {
      await this.checkStoredSize(meta);
      const stream = await this.reader.open(meta, 0);
      for await (const _chunk of stream) {
        // Reading is the check: every segment authenticates on the way through.
      }
      return { id: meta.id, name: meta.name, ok: true };
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      return { id: meta.id, name: meta.name, ok: false, error };
    }
  }

  /**
   * Reading stops at the length the metadata authenticates, so bytes appended after it would never
   * be noticed by reading; the store's own size is compared instead. A missing object is left to the
   * read to report.
   */
  private async checkStoredSize(meta: ItemMetadata): Promise<void> {
    const key = contentKey(meta.id);
    const info = await this.store.head(key);
    if (!info || info.size === meta.storedSize) return;
    const difference = Math.abs(info.size - meta.storedSize);
    const detail = info.size > meta.storedSize
      ? `${difference} bytes more than its authenticated ${meta.storedSize}, appended after its end`
      : `${difference} bytes fewer than its authenticated ${meta.storedSize}, truncated`;
    throw new CorruptObjectError(objectIdOf(key), `stored object has ${detail}`);
  }

  private async meta(id: string): Promise<ItemMetadata> {
    this.assertUnlocked();
    return this.catalog.get(id);
  }

  private key(): Buffer {
    return this.keyring()[0];
  }

  private keyring(): Keyring {
    this.assertUnlocked();
    return this.keys!;
  }

  private assertUnlocked(): void {
    if (!this.keys) throw new CofferError('LOCKED', 'the vault is locked');
  }
}
