import type { Readable } from 'node:stream';

/** What the media handler serves for one token: a sized, typed, randomly readable plaintext. */
export interface MediaSource {
  size: number;
  contentType: string;
  /** Plaintext bytes [start, end], end inclusive. Aborting `signal` must abort the upstream read. */
  open(start: number, end: number, signal: AbortSignal): Promise<Readable>;
}

/** Maps an unguessable token to its source; undefined for unknown or revoked tokens. */
export type MediaResolver = (token: string) => Promise<MediaSource | undefined> | MediaSource | undefined;
