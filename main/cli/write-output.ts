import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliOutput } from './cli-io.js';

/** Errors that mean the reader of stdout has gone, e.g. `coffer cat x | head -c 10`. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * Streams `source` to stdout with backpressure: the next chunk is read only once stdout has taken
 * the last one, so memory stays flat whatever the size. A reader that leaves early ends the copy
 * quietly and destroys `source`, which aborts the storage read behind it.
 *
 * stdout is written through a forwarding Writable rather than piped directly, because a failing
 * pipeline destroys its streams, and destroying stdout could drop bytes it has not yet flushed.
 */
export async function copyToOutput(source: Readable, out: CliOutput): Promise<void> {
  const forward = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.write(chunk, (error) => callback(error ?? null));
    },
  });
  try {
    await pipeline(source, forward);
  } catch (error) {
    if (!READER_GONE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}
