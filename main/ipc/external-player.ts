import { CofferError } from '../errors.js';
import { startLoopbackServer, type LoopbackServer } from '../protocol/loopback-server.js';
import { createMediaHandler } from '../protocol/media-handler.js';
import type { AppSession } from './app-session.js';

export interface ExternalPlayerOptions {
  session: AppSession;
  /** Told about failures of the server or the handler (see createMediaHandler). */
  onError: (error: unknown) => void;
}

/**
 * Serves items of the open vault to players outside the app (the system's default player, or any
 * that takes a URL) the way `coffer serve` does: one loopback server, started on the first request,
 * checking Host and the run's secret, over the same media tokens as vault://. Locking revokes the
 * tokens and stops the server, so a URL handed out dies with the keys.
 */
export class ExternalPlayer {
  readonly #session: AppSession;
  readonly #onError: (error: unknown) => void;
  #server: Promise<LoopbackServer> | undefined;

  constructor({ session, onError }: ExternalPlayerOptions) {
    this.#session = session;
    this.#onError = onError;
    session.onLock(() => void this.stop());
  }

  /** `http://127.0.0.1:PORT/<secret>/media/<token>` for an item of the open vault; NOT_FOUND for an unknown id. */
  async urlFor(itemId: string): Promise<string> {
    const token = await this.#session.mediaToken(itemId);
    const epoch = this.#session.signal;
    const server = await (this.#server ??= this.#start());
    // The vault locked while the server was starting; that lock's stop() closes this server.
    if (epoch.aborted) throw new CofferError('LOCKED', 'the vault locked');
    return server.mediaUrl(token);
  }

  /** Closes the server and every connection to it; the next request starts a new one. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await (await server?.catch(() => undefined))?.close();
  }

  #start(): Promise<LoopbackServer> {
    const started = startLoopbackServer({
      handler: createMediaHandler({ resolve: this.#session.resolveMedia, onError: this.#onError }),
      onError: this.#onError,
    });
    // A failed start is not kept: the next request tries again.
    started.catch(() => {
      if (this.#server === started) this.#server = undefined;
    });
    return started;
  }
}
