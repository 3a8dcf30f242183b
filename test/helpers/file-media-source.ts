import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MediaSource } from '../../main/protocol/media-source.js';

/**
 * Counts what file-backed sources really pulled from disk (fs `bytesRead`, read-ahead included, not
 * just what reached a client) and how many of their reads are still open. A read stays open until
 * its stream is destroyed, so `openReads` is how tests see that a cancelled response released its
 * source instead of leaving it paused forever.
 */
export class ReadMeter {
  opened = 0;
  aborted = 0;
  private finishedBytes = 0;
  private readonly live = new Set<ReadStream>();

  /** Bytes read from disk by every stream so far, open or finished. */
  get bytesRead(): number {
    let total = this.finishedBytes;
    for (const stream of this.live) total += stream.bytesRead;
    return total;
  }

  get openReads(): number {
    return this.live.size;
  }

  track(stream: ReadStream, signal: AbortSignal): void {
    this.opened += 1;
    this.live.add(stream);
    signal.addEventListener('abort', () => (this.aborted += 1), { once: true });
    stream.once('close', () => {
      this.live.delete(stream);
      this.finishedBytes += stream.bytesRead;
    });
  }
}

/** A MediaSource over a plain file, the stand-in for a vault item in protocol tests. */
export async function fileMediaSource(path: string, contentType: string, meter = new ReadMeter()): Promise<MediaSource> {
  const { size } = await stat(path);
  return {
    size,
    contentType,
    async open(start, end, signal) {
      // fs streams honour `signal`: aborting destroys the stream, which closes the file.
      const stream = createReadStream(path, { start, end, signal });
      meter.track(stream, signal);
      return stream;
    },
  };
}
