import type { ObjectLayout } from './layout.js';

/** The ciphertext span to fetch for a plaintext range, and how to cut the decrypted segments. */
export interface RangePlan {
  firstSegment: number;
  lastSegment: number;
  /** Inclusive byte offsets in the stored object. */
  cipherStart: number;
  cipherEnd: number;
  /** Plaintext bytes to drop from the front of the first segment. */
  skip: number;
  /** Plaintext bytes to deliver. */
  length: number;
}

/**
 * Maps plaintext bytes [start, end] (inclusive; end clamped to the last byte) to the segments that hold
 * them. Returns undefined for an empty object or a start past the end.
 */
export function planRange(layout: ObjectLayout, start: number, end = Number.MAX_SAFE_INTEGER): RangePlan | undefined {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid plaintext range ${start}-${end}`);
  }
  if (start >= layout.plaintextLength) return undefined;
  const last = Math.min(end, layout.plaintextLength - 1);
  const { chunkSize } = layout.header;
  const firstSegment = Math.floor(start / chunkSize);
  const lastSegment = Math.floor(last / chunkSize);
  const tail = layout.segment(lastSegment);
  return {
    firstSegment,
    lastSegment,
    cipherStart: layout.segment(firstSegment).offset,
    cipherEnd: tail.offset + tail.storedLength - 1,
    skip: start - firstSegment * chunkSize,
    length: last - start + 1,
  };
}
