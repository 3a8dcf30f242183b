import { createDecipheriv, type DecipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { CorruptObjectError } from '../errors.js';
import { Codec, TAG_LENGTH } from './constants.js';
import type { ObjectLayout, SegmentLocation } from './layout.js';
import type { RangePlan } from './range-plan.js';
import { segmentNonce } from './segment.js';

/**
 * Decrypts one segment as its bytes arrive, so input is never copied into a segment-sized buffer.
 * `decipher.update` output is unauthenticated: it is only collected here, and handed out by `finish`
 * after the tag verifies.
 */
class SegmentOpener {
  private readonly decipher: DecipherGCM;
  private cipherLeft: number;
  private readonly tag = Buffer.alloc(TAG_LENGTH);
  private tagHave = 0;
  private readonly plain: Buffer[] = [];

  constructor(
    private readonly layout: ObjectLayout,
    readonly at: SegmentLocation,
  ) {
    this.decipher = createDecipheriv('aes-256-gcm', layout.payloadKey, segmentNonce(at.counter, at.final), { authTagLength: TAG_LENGTH });
    this.decipher.setAAD(layout.header.bytes);
    this.cipherLeft = at.storedLength - TAG_LENGTH;
  }

  /** Consumes what belongs to this segment; returns the rest of `data`. */
  feed(data: Buffer): Buffer {
    if (this.cipherLeft > 0) {
      const take = Math.min(this.cipherLeft, data.length);
      const out = this.decipher.update(data.subarray(0, take));
      if (out.length > 0) this.plain.push(out);
      this.cipherLeft -= take;
      data = data.subarray(take);
    }
    if (this.cipherLeft === 0 && this.tagHave < TAG_LENGTH) {
      const take = Math.min(TAG_LENGTH - this.tagHave, data.length);
      data.copy(this.tag, this.tagHave, 0, take);
      this.tagHave += take;
      data = data.subarray(take);
    }
    return data;
  }

  get complete(): boolean {
    return this.tagHave === TAG_LENGTH;
  }

  /** Verifies the tag and returns the segment's plaintext pieces, decompressed. */
  finish(): Buffer[] {
    const { objectId, header } = this.layout;
    this.decipher.setAuthTag(this.tag);
    try {
      const tail = this.decipher.final();
      if (tail.length > 0) this.plain.push(tail);
    } catch {
      throw new CorruptObjectError(objectId, 'segment does not authenticate', this.at.counter);
    }
    if (this.at.codec === Codec.Raw) return this.plain;
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(Buffer.concat(this.plain), { maxOutputLength: header.chunkSize });
    } catch {
      throw new CorruptObjectError(objectId, 'segment does not decompress', this.at.counter);
    }
    if (inflated.length !== this.at.plaintextLength) throw new CorruptObjectError(objectId, 'segment decompresses to the wrong length', this.at.counter);
    return [inflated];
  }
}

const READ_AHEAD = 1024 * 1024;

/**
 * Turns the ciphertext span of a RangePlan into exactly the planned plaintext bytes, releasing each
 * segment only after its tag verifies. Too few or too many input bytes is an error: a short read must
 * not look like a short file.
 */
export class OpenStream extends Transform {
  private segment: SegmentOpener | undefined;
  private skip: number;
  private remaining: number;

  constructor(
    private readonly layout: ObjectLayout,
    private readonly plan: RangePlan,
  ) {
    // A megabyte of decrypted read-ahead on each side lets storage, decryption and the consumer
    // overlap instead of moving in lockstep one 16 KiB default buffer at a time.
    super({ readableHighWaterMark: READ_AHEAD, writableHighWaterMark: READ_AHEAD });
    this.segment = new SegmentOpener(layout, layout.segment(plan.firstSegment));
    this.skip = plan.skip;
    this.remaining = plan.length;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let data = chunk;
      while (data.length > 0) {
        if (!this.segment) throw new CorruptObjectError(this.layout.objectId, 'storage returned more bytes than requested');
        data = this.segment.feed(data);
        if (this.segment.complete) this.release(this.segment);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.segment) {
      callback(new CorruptObjectError(this.layout.objectId, 'object ended early: truncated', this.segment.at.counter));
      return;
    }
    callback();
  }

  private release(done: SegmentOpener): void {
    for (const piece of done.finish()) {
      const from = Math.min(this.skip, piece.length);
      this.skip -= from;
      const out = piece.subarray(from, from + this.remaining);
      this.remaining -= out.length;
      if (out.length > 0) this.push(out);
    }
    const next = done.at.counter + 1;
    this.segment = next <= this.plan.lastSegment ? new SegmentOpener(this.layout, this.layout.segment(next)) : undefined;
  }
}
