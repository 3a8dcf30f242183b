import { CorruptObjectError } from '../errors.js';
import { Codec, FOOTER_LENGTH, FOOTER_MAGIC, HEADER_LENGTH, TAG_LENGTH } from './constants.js';
import { openHeaderWithAny, type Header, type MasterKeys } from './header.js';
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

/**
 * Tail bytes fetched together with the header: a default-size final segment, or the index and footer
 * of an indexed object of up to ~14,000 segments. Longer tails cost one more read.
 */
const TAIL_GUESS = 128 * 1024;

/** No segment of an indexed object is shorter: one plaintext byte (or its deflate encoding) and a tag. */
const MIN_SEGMENT_STORED_LENGTH = TAG_LENGTH + 1;

/**
 * Authenticates an object's header and its length: for a plain object by opening the final segment,
 * for an indexed one by opening the index. The storage's idea of the size only says where to look.
 * The header is needed to make sense of the tail, but not to know where the tail lies, so both are
 * requested at once: a first read of an object waits for one round trip to storage, not two.
 *
 * `expectedPlaintextLength` comes from authenticated metadata where there is some; it fixes the
 * index length an indexed object's footer may claim before anything the footer says is fetched.
 */
export async function readLayout(
  read: RangeReader,
  objectId: string,
  masterKey: MasterKeys,
  storedLength: number,
  expectedPlaintextLength?: number,
): Promise<ObjectLayout> {
  if (!Number.isSafeInteger(storedLength) || storedLength < HEADER_LENGTH + TAG_LENGTH) {
    throw new CorruptObjectError(objectId, 'too short to be a Coffer object');
  }
  const tailStart = Math.max(HEADER_LENGTH, storedLength - TAIL_GUESS);
  const [headerBytes, tailBytes] = await Promise.all([read(0, HEADER_LENGTH - 1), read(tailStart, storedLength - 1)]);
  const { header, keys } = openHeaderWithAny(headerBytes, masterKey, objectId);
  const base = { objectId, header, payloadKey: keys.payloadKey, storedLength };
  const tail = async (start: number): Promise<Buffer> =>
    start >= tailStart ? tailBytes.subarray(start - tailStart) : Buffer.concat([await read(start, tailStart - 1), tailBytes]);
  return header.indexed ? readIndexedLayout(tail, base, expectedPlaintextLength) : readPlainLayout(tail, base);
}

type LayoutBase = Pick<ObjectLayout, 'objectId' | 'header' | 'payloadKey' | 'storedLength'>;

/** The stored bytes from `start` (at or after the header) to the end of the object. */
type TailReader = (start: number) => Promise<Buffer>;

async function readPlainLayout(tail: TailReader, base: LayoutBase): Promise<ObjectLayout> {
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
  const finalPlain = openSegment(payloadKey, header.bytes, last, true, await tail(lastOffset));
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

async function readIndexedLayout(tail: TailReader, base: LayoutBase, expectedPlaintextLength: number | undefined): Promise<ObjectLayout> {
  const { objectId, header, payloadKey, storedLength } = base;
  const payload = storedLength - HEADER_LENGTH;
  if (payload < FOOTER_LENGTH + TAG_LENGTH) throw new CorruptObjectError(objectId, 'too short for an index and footer');
  const footer = await tail(storedLength - FOOTER_LENGTH);
  if (!footer.subarray(4).equals(FOOTER_MAGIC)) throw new CorruptObjectError(objectId, 'footer is damaged: truncated, extended or tampered');
  const indexStored = footer.readUInt32BE(0);
  const segmentCount = segmentCountForIndex(indexStored);
  const indexStart = storedLength - FOOTER_LENGTH - indexStored;
  if (segmentCount === undefined || indexStart < HEADER_LENGTH) throw new CorruptObjectError(objectId, 'footer gives an impossible index length');
  // The footer is not authenticated, so the index length it claims is checked against what is
  // known before it decides how much is fetched: the exact count the metadata implies, else the
  // most segments of at least one plaintext byte (17 stored bytes) the object has room for.
  if (expectedPlaintextLength === undefined
    ? segmentCount * MIN_SEGMENT_STORED_LENGTH > indexStart - HEADER_LENGTH
    : segmentCount !== Math.ceil(expectedPlaintextLength / header.chunkSize)) {
    throw new CorruptObjectError(objectId, `footer claims an index of ${segmentCount} segments, which this object cannot have`);
  }
  const sealedIndex = (await tail(indexStart)).subarray(0, indexStored);
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
