import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openBuffer, sealBuffer } from '../format/buffer-io.js';
import type { Keyring } from './catalog.js';
import { replacePrivateFile } from './private-file.js';
import { compareWithSeen, sameSeen, seenItem, seenStateSchema, type ObservedItem, type SeenState, type VaultAnomaly } from './seen-state.js';

/**
 * This device's sealed record of which items and metadata revisions it has seen in one vault, kept
 * on local disk where the storage cannot reach it. Comparing each listing with it reveals what no
 * storage check can: metadata deleted without a tombstone, and older metadata put back. The file is
 * `<vaultId>.seen`, a Coffer object (object id `seen.<vaultId>`) sealed with the vault's master key (during a rekey, opened with either key)
 * whose plaintext is a SeenState as JSON. A missing or unopenable file is a first open: it is
 * recorded afresh and nothing is reported.
 *
 * Updates run one at a time and start from the file as it is (reread whenever it changed), so
 * sessions of one vault in several processes each build on the latest record.
 */
export class SeenRecord {
  private readonly path: string;
  private readonly objectId: string;
  private queue: Promise<unknown> = Promise.resolve();
  /** The record as this session last compared or changed it. */
  private current: SeenState | undefined;
  /** The file as last read or written, so an unchanged file is not opened and parsed again. */
  private onDisk: { stamp: string; state: SeenState | undefined } | undefined;
  private closed = false;
  private comparedOnce = false;

  constructor(
    dir: string,
    vaultId: string,
    private keys: Keyring,
  ) {
    this.path = join(dir, `${vaultId}.seen`);
    this.objectId = `seen.${vaultId}`;
  }

  /** Reads with any of `keys` and seals with the first from now on (a rekey's new master key). */
  useKeys(keys: Keyring): void {
    this.keys = keys;
  }

  /** True once this session has compared a listing with the record. */
  get compared(): boolean {
    return this.comparedOnce;
  }

  /**
   * Compares a listing with the record and keeps the result. Reading or writing the file may fail (a
   * full or read-only disk) without failing the listing: the file then still holds the older state,
   * so the next comparison finds the same differences again, and this session remembers them meanwhile.
   */
  async observe(observed: ReadonlyMap<string, ObservedItem>, unreadable: ReadonlySet<string>): Promise<void> {
    await this.update((seen) => compareWithSeen(seen, observed, unreadable, new Date()), false);
    this.comparedOnce = true;
  }

  /** Records this device's own write, so the next listing compares against it even if none came between. */
  note(id: string, item: ObservedItem): Promise<void> {
    return this.update((seen) => seen && { ...seen, items: { ...seen.items, [id]: seenItem(item) } }, false);
  }

  /** The reports nobody has acknowledged, as of this session's last comparison (else the file). */
  async anomalies(): Promise<VaultAnomaly[]> {
    return [...(this.current ?? (await this.serially(() => this.load())))?.anomalies ?? []];
  }

  /** Clears the reports and returns them; the record of what was seen stays. */
  async acknowledge(): Promise<VaultAnomaly[]> {
    let cleared: VaultAnomaly[] = [];
    await this.update((seen) => {
      cleared = seen?.anomalies ?? [];
      return seen && { ...seen, anomalies: [] };
    }, true);
    return cleared;
  }

  /** Stops every later write: the master key this record seals with is about to be zeroed. */
  close(): void {
    this.closed = true;
  }

  private update(change: (seen: SeenState | undefined) => SeenState | undefined, mustSave: boolean): Promise<void> {
    return this.serially(async () => {
      if (this.closed) return;
      try {
        const before = await this.load();
        const after = change(before);
        if (!after) return;
        this.current = after;
        if (!before || !sameSeen(before, after)) await this.save(after);
      } catch (error) {
        if (mustSave) throw error;
      }
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Undefined when there is no record, or one that does not open (damaged, or sealed under another key). */
  private async load(): Promise<SeenState | undefined> {
    let sealed: Buffer;
    let stamp: string;
    try {
      stamp = stampOf(await stat(this.path, { bigint: true }));
      if (this.onDisk?.stamp === stamp) return this.onDisk.state;
      sealed = await readFile(this.path);
    } catch (error) {
      // Any other failure to read must not pass for a first open, which would drop the reports.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let state: SeenState | undefined;
    try {
      const plain = await openBuffer(sealed, this.keys, this.objectId);
      const parsed = seenStateSchema.safeParse(JSON.parse(plain.toString('utf8')));
      state = parsed.success ? parsed.data : undefined;
    } catch {
      state = undefined;
    }
    this.onDisk = { stamp, state };
    return state;
  }

  private async save(state: SeenState): Promise<void> {
    // Checked just before sealing, which derives its keys at once: a lock zeroes the master key.
    if (this.closed) return;
    const { bytes } = await sealBuffer({ masterKey: this.keys[0], objectId: this.objectId }, Buffer.from(JSON.stringify(state)));
    this.onDisk = { stamp: stampOf(await replacePrivateFile(this.path, bytes)), state };
  }
}

/** Changes with every write, which renames a new file into place. */
function stampOf(stats: BigIntStats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}
