import { Codec, INDEX_COUNT_LENGTH, INDEX_ENTRY_LENGTH, TAG_LENGTH } from './constants.js';

/** Where one segment's bytes are and what they decode to. */
export interface SegmentEntry {
  /** Bytes the segment occupies in the object, tag included. */
  storedLength: number;
  codec: Codec;
  plaintextLength: number;
}

/** Index plaintext: u32 count, then per segment u32 stored length, u8 codec, u32 plaintext length (big-endian). */
export function encodeIndex(entries: readonly SegmentEntry[]): Buffer {
  const out = Buffer.alloc(INDEX_COUNT_LENGTH + entries.length * INDEX_ENTRY_LENGTH);
  out.writeUInt32BE(entries.length, 0);
  entries.forEach((entry, i) => {
    const at = INDEX_COUNT_LENGTH + i * INDEX_ENTRY_LENGTH;
    out.writeUInt32BE(entry.storedLength, at);
    out.writeUInt8(entry.codec, at + 4);
    out.writeUInt32BE(entry.plaintextLength, at + 5);
  });
  return out;
}

/** Segment count implied by a sealed index's stored length, or undefined if no count fits. */
export function segmentCountForIndex(indexStoredLength: number): number | undefined {
  const entryBytes = indexStoredLength - TAG_LENGTH - INDEX_COUNT_LENGTH;
  if (entryBytes < 0 || entryBytes % INDEX_ENTRY_LENGTH !== 0) return undefined;
  return entryBytes / INDEX_ENTRY_LENGTH;
}

/**
 * Decodes an authenticated index and checks it describes a well-formed object of `payloadLength`
 * segment bytes; returns a reason string instead of entries when it does not.
 */
export function decodeIndex(plain: Buffer, chunkSize: number, payloadLength: number): SegmentEntry[] | string {
  if (plain.length < INDEX_COUNT_LENGTH) return 'index too short';
  const count = plain.readUInt32BE(0);
  if (plain.length !== INDEX_COUNT_LENGTH + count * INDEX_ENTRY_LENGTH) return 'index length does not match its count';
  const entries: SegmentEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const at = INDEX_COUNT_LENGTH + i * INDEX_ENTRY_LENGTH;
    const entry = { storedLength: plain.readUInt32BE(at), codec: plain.readUInt8(at + 4), plaintextLength: plain.readUInt32BE(at + 5) };
    const last = i === count - 1;
    if (last ? entry.plaintextLength < 1 || entry.plaintextLength > chunkSize : entry.plaintextLength !== chunkSize) {
      return `segment ${i} has plaintext length ${entry.plaintextLength}`;
    }
    if (entry.codec === Codec.Raw ? entry.storedLength !== entry.plaintextLength + TAG_LENGTH : entry.codec !== Codec.DeflateRaw) {
      return `segment ${i} has an invalid codec or length`;
    }
    if (entry.storedLength <= TAG_LENGTH && entry.plaintextLength > 0 && entry.codec === Codec.DeflateRaw) {
      return `segment ${i} is empty`;
    }
    total += entry.storedLength;
    entries.push(entry);
  }
  if (total !== payloadLength) return 'segments do not fill the object';
  return entries;
}
