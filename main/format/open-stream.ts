import { Transform, type TransformCallback } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { CorruptObjectError } from '../errors.js';
import { Codec } from './constants.js';
import type { ObjectLayout, SegmentLocation } from './layout.js';
import type { RangePlan } from './range-plan.js';
import { openSegment } from './segment.js';

/** Authenticates one stored segment and returns its plaintext, decompressed; throws CorruptObjectError. */
export function openStoredSegment(layout: ObjectLayout, at: SegmentLocation, stored: Buffer): Buffer {
  const payload = openSegment(layout.payloadKey, layout.header.bytes, at.counter, at.final, stored);
  if (!payload) throw new CorruptObjectError(layout.objectId, 'segment does not authenticate', at.counter);
  if (at.codec === Codec.Raw) return payload;
  let plain: Buffer;
  try {
    plain = inflateRawSync(payload, { maxOutputLength: layout.header.chunkSize });
  } catch {
    throw new CorruptObjectError(layout.objectId, 'segment does not decompress', at.counter);
  }
  if (plain.length !== at.plaintextLength) throw new CorruptObjectError(layout.objectId, 'segment decompresses to the wrong length', at.counter);
  return plain;
}

/**
 * Turns the ciphertext span of a RangePlan into exactly the planned plaintext bytes. Each segment is
 * buffered whole and released only after its tag verifies. Too few or too many input bytes is an error:
 * a short read would otherwise look like a short file.
 */
export class OpenStream extends Transform {
  private counter: number;
  private current: SegmentLocation;
  private parts: Buffer[] = [];
  private have = 0;
  private skip: number;
  private remaining: number;

  constructor(
    private readonly layout: ObjectLayout,
    private readonly plan: RangePlan,
  ) {
    super();
    this.counter = plan.firstSegment;
    this.current = layout.segment(this.counter);
    this.skip = plan.skip;
    this.remaining = plan.length;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let data = chunk;
      while (data.length > 0) {
        if (this.counter > this.plan.lastSegment) throw new CorruptObjectError(this.layout.objectId, 'storage returned more bytes than requested');
        const want = this.current.storedLength - this.have;
        const take = data.subarray(0, want);
        data = data.subarray(take.length);
        this.parts.push(take);
        this.have += take.length;
        if (this.have === this.current.storedLength) this.release();
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.remaining > 0) {
      callback(new CorruptObjectError(this.layout.objectId, 'object ended early: truncated', this.counter));
      return;
    }
    callback();
  }

  private release(): void {
    const stored = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.have);
    this.parts = [];
    this.have = 0;
    const plain = openStoredSegment(this.layout, this.current, stored);
    const end = Math.min(plain.length, this.skip + this.remaining);
    const out = plain.subarray(this.skip, end);
    this.remaining -= out.length;
    this.skip = 0;
    if (out.length > 0) this.push(out);
    this.counter += 1;
    if (this.counter <= this.plan.lastSegment) this.current = this.layout.segment(this.counter);
  }
}
