import type { Readable } from 'node:stream';
import { AbortedError } from '../errors.js';

/** Throws AbortedError when `signal` has already fired, so work is not started for nothing. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AbortedError(what);
}

/**
 * Destroys `stream` with AbortedError when `signal` fires, and stops listening once the stream
 * closes so a long-lived signal does not keep every stream it ever guarded alive.
 */
export function destroyOnAbort<T extends Readable>(stream: T, signal: AbortSignal | undefined, what: string): T {
  if (!signal) return stream;
  const onAbort = () => stream.destroy(new AbortedError(what));
  if (signal.aborted) {
    onAbort();
    return stream;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
  return stream;
}
