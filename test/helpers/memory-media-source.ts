import { addAbortSignal, Readable } from 'node:stream';
import type { MediaSource } from '../../main/protocol/media-source.js';

/** One call to `open`, as the test saw it. */
export interface RecordedOpen {
  start: number;
  end: number;
  signal: AbortSignal;
  stream: Readable;
  /** Bytes the stream has handed to its consumer so far. */
  bytesPushed: number;
}

/** A MediaSource over bytes in memory that records every `open`, for handler tests. */
export interface MemoryMediaSource extends MediaSource {
  readonly opens: RecordedOpen[];
}

/**
 * Serves `bytes` in chunks of `chunkSize`, produced only when the stream is read, so tests can see
 * how far the handler really pulled. The stream honours the open signal like a storage read would.
 */
export function memoryMediaSource(
  bytes: Uint8Array,
  { contentType = 'video/mp4', chunkSize = 1000 }: { contentType?: string; chunkSize?: number } = {},
): MemoryMediaSource {
  const opens: RecordedOpen[] = [];
  return {
    size: bytes.length,
    contentType,
    opens,
    async open(start, end, signal) {
      let position = start;
      const record: RecordedOpen = {
        start,
        end,
        signal,
        bytesPushed: 0,
        stream: new Readable({
          read() {
            if (position > end) {
              this.push(null);
              return;
            }
            const next = Math.min(end + 1, position + chunkSize);
            record.bytesPushed += next - position;
            this.push(bytes.subarray(position, next));
            position = next;
          },
        }),
      };
      opens.push(record);
      return addAbortSignal(signal, record.stream);
    },
  };
}

/** `length` bytes whose values depend on their offset (period 64 KiB), so a slice taken from the wrong offset does not compare equal. */
export function patternBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 7 + (i >>> 8) * 13) & 0xff;
  return bytes;
}
