import type { Readable } from 'node:stream';

/** What the media handler serves for one token: a sized, typed, randomly readable plaintext. */
export interface MediaSource {
  /** Plaintext size in bytes. */
  readonly size: number;
  /** MIME type sent as Content-Type, e.g. video/mp4. Must not be empty: there is no default. */
  readonly contentType: string;
  /** The item's name, offered as the file name when the item is served as a download (active content). */
  readonly name?: string;
  /**
   * Plaintext bytes [start, end], end inclusive; the handler only asks for 0 <= start <= end < size.
   * The stream must yield exactly end − start + 1 bytes, as Buffers or Uint8Arrays: a shorter stream
   * fails the response, and surplus bytes are dropped. Each chunk must be memory that nothing writes
   * again (decryption's fresh output buffers are): the handler passes chunks to the response as they
   * are, and Electron may read them after they were handed over. Aborting `signal` must abort the
   * upstream read; the handler also destroys the stream when it is done with it, early or not.
   *
   * Failures should be CofferErrors, whose code picks the status: STORE_UNAVAILABLE and
   * ACCESS_DENIED give 502, CORRUPT_OBJECT and KEY_MISMATCH 500, NOT_FOUND and LOCKED 404, anything
   * else 500. Messages never reach the client.
   */
  open(start: number, end: number, signal: AbortSignal): Promise<Readable>;
}

/** Maps an unguessable token to its source; undefined for unknown or revoked tokens. */
export type MediaResolver = (token: string) => Promise<MediaSource | undefined> | MediaSource | undefined;
