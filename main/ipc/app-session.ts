import type { LockReason } from '../../contract/ipc.js';
import { AbortedError, CofferError } from '../errors.js';
import type { MediaResolver } from '../protocol/media-source.js';
import { MediaTokens, tokenResolver } from '../protocol/media-tokens.js';
import { vaultMediaSource } from '../protocol/vault-media-source.js';
import type { Vault } from '../vault/types.js';
import type { EventSink } from './events.js';

export interface SessionOptions {
  emit: EventSink;
  /** Milliseconds; injectable so idle tests need no real waiting. */
  now?: () => number;
}

/**
 * The app's state while it runs: the unlocked vault (at most one), the media tokens that point into
 * it, and an abort signal that fires when it locks. Locking is the one place that drops keys:
 * running work is aborted, every media URL dies, the vault forgets its keys, and the renderer hears
 * `locked`.
 */
export class AppSession {
  readonly #emit: EventSink;
  readonly #now: () => number;
  readonly #tokens = new MediaTokens();
  readonly #lockListeners = new Set<() => void>();
  #vault: Vault | undefined;
  #epoch = new AbortController();
  #lastActivity: number;
  #busy = 0;

  constructor({ emit, now = Date.now }: SessionOptions) {
    this.#emit = emit;
    this.#now = now;
    this.#lastActivity = now();
  }

  get unlocked(): boolean {
    return this.#vault !== undefined;
  }

  /** The open vault; throws LOCKED when there is none. */
  vault(): Vault {
    if (!this.#vault) throw new CofferError('LOCKED', 'the vault is locked');
    return this.#vault;
  }

  /** Aborts when the current vault locks: pass it to every long operation on the vault. */
  get signal(): AbortSignal {
    return this.#epoch.signal;
  }

  /** Makes `vault` the open vault, locking any other first. */
  open(vault: Vault): void {
    if (this.#vault && this.#vault !== vault) this.lock('user');
    this.#vault = vault;
    this.touch();
  }

  /** Drops keys and media tokens and aborts running work. A no-op when already locked. */
  lock(reason: LockReason): void {
    const vault = this.#vault;
    if (!vault) return;
    this.#vault = undefined;
    this.#epoch.abort(new AbortedError('work on the locked vault'));
    this.#epoch = new AbortController();
    this.#tokens.revokeAll();
    vault.lock();
    for (const listener of this.#lockListeners) listener();
    this.#emit('locked', { reason });
  }

  /** Calls `listener` after every lock, e.g. so queued imports can be cancelled. */
  onLock(listener: () => void): void {
    this.#lockListeners.add(listener);
  }

  /** A `vault://media/<token>` URL for an item of the open vault; throws NOT_FOUND for an unknown id. */
  async mediaUrl(itemId: string): Promise<string> {
    return `vault://media/${await this.mediaToken(itemId)}`;
  }

  /**
   * The media token of an item of the open vault, for vault:// and the external player's URLs;
   * throws NOT_FOUND for an unknown id, LOCKED if the vault locks meanwhile (a token issued after
   * the lock would outlive it, and name an item of whichever vault opens next).
   */
  async mediaToken(itemId: string): Promise<string> {
    const epoch = this.signal;
    await this.vault().item(itemId);
    if (epoch.aborted) throw new CofferError('LOCKED', 'the vault locked');
    return this.#tokens.issue(itemId);
  }

  /**
   * What the vault:// handler resolves tokens with. Serving media counts as activity. A lock aborts
   * the reads of media still streaming, so no decryption outlives the keys.
   */
  readonly resolveMedia: MediaResolver = tokenResolver(this.#tokens, async (itemId) => {
    const vault = this.#vault;
    if (!vault) return undefined;
    const epoch = this.#epoch.signal;
    this.touch();
    const source = await vaultMediaSource(vault, itemId);
    return (
      source && {
        ...source,
        open: (start, end, signal) => {
          this.touch();
          return source.open(start, end, AbortSignal.any([signal, epoch]));
        },
      }
    );
  });

  /** Records user or app activity, postponing the idle lock. */
  touch(): void {
    this.#lastActivity = this.#now();
  }

  /** Runs `work` counting as activity throughout: the app is never idle while it copies bytes. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#busy--;
      this.touch();
    }
  }

  /** Milliseconds since the last activity; 0 while work is running. */
  idleMs(): number {
    return this.#busy > 0 ? 0 : this.#now() - this.#lastActivity;
  }
}
