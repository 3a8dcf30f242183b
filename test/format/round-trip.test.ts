import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH, TAG_LENGTH } from '../../main/format/constants.js';
import { layoutOfBuffer, openBuffer, sealBuffer } from '../../main/format/buffer-io.js';
import { seededRandom } from '../helpers/seeded-random.js';

const masterKey = randomBytes(32);
const C = DEFAULT_CHUNK_SIZE;
const sizes = [0, 1, C - 1, C, C + 1, 2 * C, 3 * C + 7, 5 * 1024 * 1024 + 3];

function textLike(length: number): Buffer {
  const words = ['vault', 'coffer', 'cipher', 'stream', 'chunk', 'seek', 'frame', '{"id":', '"name":', '\n'];
  const random = seededRandom(length);
  let out = '';
  while (out.length < length) out += words[Math.floor(random() * words.length)] + ' ';
  return Buffer.from(out.slice(0, length));
}

describe.each([
  { codec: 'plain', compress: false, make: (n: number) => randomBytes(n) },
  { codec: 'deflate', compress: true, make: textLike },
])('round trip, $codec', ({ compress, make }) => {
  it.each(sizes)('seals and opens %i bytes unchanged', async (size) => {
    const plaintext = make(size);
    const { bytes, result } = await sealBuffer({ masterKey, objectId: 'obj-rt', compress }, plaintext);
    expect(result.plaintextLength).toBe(size);
    expect(result.storedLength).toBe(bytes.length);
    expect((await openBuffer(bytes, masterKey, 'obj-rt')).equals(plaintext)).toBe(true);
    expect((await layoutOfBuffer(bytes, masterKey, 'obj-rt')).plaintextLength).toBe(size);
  });

  it('returns the exact plaintext slice for random ranges at many offsets', async () => {
    const plaintext = make(3 * C + 1234);
    const { bytes } = await sealBuffer({ masterKey, objectId: 'obj-ranges', compress }, plaintext);
    const random = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const start = Math.floor(random() * plaintext.length);
      const end = start + Math.floor(random() * (i % 4 === 0 ? 3 * C : 300));
      const got = await openBuffer(bytes, masterKey, 'obj-ranges', start, end);
      expect(got.equals(plaintext.subarray(start, end + 1)), `range ${start}-${end}`).toBe(true);
    }
    for (const edge of [0, C - 1, C, 2 * C - 1, 3 * C, plaintext.length - 1]) {
      expect((await openBuffer(bytes, masterKey, 'obj-ranges', edge, edge)).equals(plaintext.subarray(edge, edge + 1))).toBe(true);
    }
  });
});

describe('storage overhead', () => {
  it('adds one header and one tag per chunk to incompressible data', async () => {
    const size = 4 * C + 100;
    const { bytes } = await sealBuffer({ masterKey, objectId: 'obj-overhead' }, randomBytes(size));
    expect(bytes.length).toBe(HEADER_LENGTH + size + 5 * TAG_LENGTH);
  });

  it('shrinks text when compressing', async () => {
    const plaintext = textLike(1024 * 1024);
    const { bytes, result } = await sealBuffer({ masterKey, objectId: 'obj-text', compress: true }, plaintext);
    expect(bytes.length).toBeLessThan(plaintext.length * 0.35);
    expect(result.compressedSegments).toBe(result.segmentCount);
  });

  it('stores an incompressible segment raw inside a compressed object', async () => {
    const plaintext = Buffer.concat([textLike(C), randomBytes(C)]);
    const { bytes, result } = await sealBuffer({ masterKey, objectId: 'obj-mixed', compress: true }, plaintext);
    expect(result.compressedSegments).toBe(1);
    expect((await openBuffer(bytes, masterKey, 'obj-mixed')).equals(plaintext)).toBe(true);
  });
});
