import { CorruptObjectError } from '../errors.js';
import { Codec, FOOTER_LENGTH, FOOTER_MAGIC, HEADER_LENGTH, TAG_LENGTH } from './constants.js';
import { openHeader, type Header } from './header.js';
import { decodeIndex, segmentCountForIndex, type SegmentEntry } from './segment-index.js';
import { openSegment } from './segment.js';

/** Reads bytes [start, end] (inclusive) of the stored object in full. */
export type RangeReader = (start: number, end: number) => Promise<Buffer>;

export interface SegmentLocation extends SegmentEntry {
  counter: number;
  /** Byte offset of the segment in the stored object. */
  offset: number;
  final: boolean;
}

/**
 * Everything needed to read any plaintext range of one object: its authenticated header, its key,
 * its authenticated plaintext length and where each segment lies. Cache it per object.
 */
export interface ObjectLayout {
  objectId: string;
  header: Header;
  payloadKey: Buffer;
  plaintextLength: number;
  storedLength: number;
  segmentCount: number;
  segment(counter: number): SegmentLocation;
}

/** Tail bytes fetched up front for an indexed object; larger indexes cost one more read. */
const TAIL_GUESS = 64 * 1024;

/**
 * Authenticates an object's header and its length: for a plain object by opening the final segment,
 * for an indexed one by opening the index. The storage's idea of the size only says where to look.
 */
export async function readLayout(read: RangeReader, objectId: string, masterKey: Buffer, storedLength: number): Promise<ObjectLayout> {
  if (!Number.isSafeInteger(storedLength) || storedLength < HEADER_LENGTH + TAG_LENGTH) {
    throw new CorruptObjectError(objectId, 'too short to be a Coffer object');
  }
  const { header, keys } = openHeader(await read(0, HEADER_LENGTH - 1), masterKey, objectId);
  const base = { objectId, header, payloadKey: keys.payloadKey, storedLength };
  return header.indexed ? readIndexedLayout(read, base) : readPlainLayout(read, base);
}

type LayoutBase = Pick<ObjectLayout, 'objectId' | 'header' | 'payloadKey' | 'storedLength'>;

async function readPlainLayout(read: RangeReader, base: LayoutBase): Promise<ObjectLayout> {
  const { objectId, header, payloadKey, storedLength } = base;
  const span = header.chunkSize + TAG_LENGTH;
  const payload = storedLength - HEADER_LENGTH;
  const segmentCount = Math.max(1, Math.ceil(payload / span));
  const lastStored = payload - (segmentCount - 1) * span;
  const last = segmentCount - 1;
  if (lastStored < TAG_LENGTH || (segmentCount > 1 && lastStored === TAG_LENGTH)) {
    throw new CorruptObjectError(objectId, 'object length does not fit its segments: truncated or extended', last);
  }
  const lastOffset = HEADER_LENGTH + last * span;
  const finalPlain = openSegment(payloadKey, header.bytes, last, true, await read(lastOffset, storedLength - 1));
  if (!finalPlain) throw new CorruptObjectError(objectId, 'final segment does not authenticate: truncated, extended or tampered', last);
  const plaintextLength = last * header.chunkSize + finalPlain.length;
  return {
    ...base,
    plaintextLength,
    segmentCount,
    segment(counter) {
      const plain = counter === last ? finalPlain.length : header.chunkSize;
      return { counter, offset: HEADER_LENGTH + counter * span, storedLength: plain + TAG_LENGTH, plaintextLength: plain, codec: Codec.Raw, final: counter === last };
    },
  };
}

async function readIndexedLayout(read: RangeReader, base: LayoutBase): Promise<ObjectLayout> {
  const { objectId, header, payloadKey, storedLength } = base;
  const payload = storedLength - HEADER_LENGTH;
  if (payload < FOOTER_LENGTH + TAG_LENGTH) throw new CorruptObjectError(objectId, 'too short for an index and footer');
  let tailStart = storedLength - Math.min(payload, TAIL_GUESS);
  let tail = await read(tailStart, storedLength - 1);
  const footer = tail.subarray(tail.length - FOOTER_LENGTH);
  if (!footer.subarray(4).equals(FOOTER_MAGIC)) throw new CorruptObjectError(objectId, 'footer is damaged: truncated, extended or tampered');
  const indexStored = footer.readUInt32BE(0);
  const segmentCount = segmentCountForIndex(indexStored);
  const indexStart = storedLength - FOOTER_LENGTH - indexStored;
  if (segmentCount === undefined || indexStart < HEADER_LENGTH) throw new CorruptObjectError(objectId, 'footer gives an impossible index length');
  if (indexStart < tailStart) {
    tail = Buffer.concat([await read(indexStart, tailStart - 1), tail]);
    tailStart = indexStart;
  }
  const sealedIndex = tail.subarray(indexStart - tailStart, tail.length - FOOTER_LENGTH);
  const plainIndex = openSegment(payloadKey, header.bytes, segmentCount, true, sealedIndex);
  if (!plainIndex) throw new CorruptObjectError(objectId, 'index does not authenticate', segmentCount);
  const entries = decodeIndex(plainIndex, header.chunkSize, indexStart - HEADER_LENGTH);
  if (typeof entries === 'string') throw new CorruptObjectError(objectId, entries);
  const offsets = new Float64Array(segmentCount);
  let plaintextLength = 0;
  entries.reduce((offset, entry, i) => {
    offsets[i] = offset;
    plaintextLength += entry.plaintextLength;
    return offset + entry.storedLength;
  }, HEADER_LENGTH);
  return {
    ...base,
    plaintextLength,
    segmentCount,
    segment(counter) {
      const entry = entries[counter];
      if (!entry) throw new RangeError(`segment ${counter} out of range`);
      return { ...entry, counter, offset: offsets[counter] ?? 0, final: false };
    },
  };
}
