import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { CofferError, CorruptObjectError, KeyMismatchError } from '../../main/errors.js';
import { HEADER_LENGTH, MIN_CHUNK_SIZE, TAG_LENGTH } from '../../main/format/constants.js';
import { layoutOfBuffer, openBuffer, sealBuffer } from '../../main/format/buffer-io.js';
import { OpenStream } from '../../main/format/open-stream.js';
import { planRange } from '../../main/format/range-plan.js';
import { readLayout } from '../../main/format/layout.js';
import { seededRandom } from '../helpers/seeded-random.js';

const masterKey = randomBytes(32);
const C = MIN_CHUNK_SIZE;
const SPAN = C + TAG_LENGTH;

/** Opens a (possibly tampered) object; returns the plaintext, or the CofferError it raised. */
async function attempt(stored: Buffer, objectId = 'victim', key = masterKey): Promise<Buffer | CofferError> {
  try {
    return await openBuffer(stored, key, objectId);
  } catch (error) {
    if (error instanceof CofferError) return error;
    throw error;
  }
}

async function expectRejected(stored: Buffer, what: string, objectId = 'victim', key = masterKey): Promise<CofferError> {
  const outcome = await attempt(stored, objectId, key);
  expect(outcome, what).toBeInstanceOf(CofferError);
  return outcome as CofferError;
}

function textLike(length: number): Buffer {
  const random = seededRandom(7);
  return Buffer.from(Array.from({ length }, () => 'abcde fghij\n'[Math.floor(random() * 12)]).join(''));
}

const plainText = randomBytes(2 * C + 100);
const compressibleText = textLike(2 * C + 100);
const variants = [
  { layout: 'plain', compress: false, plaintext: plainText },
  { layout: 'indexed', compress: true, plaintext: compressibleText },
];

describe.each(variants)('tampering with a $layout object', ({ compress, plaintext }) => {
  const seal = (objectId = 'victim', data = plaintext) => sealBuffer({ masterKey, objectId, chunkSize: C, compress }, data).then((r) => r.bytes);

  it('rejects every single flipped bit of a two-segment object', async () => {
    const stored = await seal('victim', plaintext.subarray(0, C + 20));
    let rejected = 0;
    for (let bit = 0; bit < stored.length * 8; bit++) {
      const copy = Buffer.from(stored);
      copy[bit >> 3]! ^= 1 << (bit & 7);
      const outcome = await attempt(copy);
      if (outcome instanceof CofferError) rejected += 1;
      else expect.fail(`bit ${bit} flipped and the object still opened`);
    }
    expect(rejected).toBe(stored.length * 8);
    // Some 35,000 opens: about 25 s on an idle two-core machine, far longer when it is busy.
  }, 240_000);

  it('rejects truncation at every length', async () => {
    const stored = await seal();
    for (let length = 0; length < stored.length; length++) {
      await expectRejected(stored.subarray(0, length), `truncated to ${length}`);
    }
  });

  it('rejects appended bytes', async () => {
    const stored = await seal();
    for (const extra of [Buffer.alloc(1), randomBytes(TAG_LENGTH), randomBytes(SPAN), stored.subarray(HEADER_LENGTH, HEADER_LENGTH + SPAN)]) {
      await expectRejected(Buffer.concat([stored, extra]), `${extra.length} bytes appended`);
    }
  });

  it('rejects an object opened under another object id (swapped objects)', async () => {
    const stored = await seal('first');
    expect(await expectRejected(stored, 'opened as second', 'second')).toBeInstanceOf(KeyMismatchError);
  });

  it('rejects the wrong master key before reading any segment', async () => {
    const stored = await seal();
    expect(await expectRejected(stored, 'wrong key', 'victim', randomBytes(32))).toBeInstanceOf(KeyMismatchError);
  });

  it("rejects another object's header spliced onto this body", async () => {
    const [victim, donor] = await Promise.all([seal(), seal('donor')]);
    await expectRejected(Buffer.concat([donor.subarray(0, HEADER_LENGTH), victim.subarray(HEADER_LENGTH)]), 'donor header');
    const sameIdOtherSalt = await seal();
    await expectRejected(Buffer.concat([sameIdOtherSalt.subarray(0, HEADER_LENGTH), victim.subarray(HEADER_LENGTH)]), 'same id, other salt');
  });

  it('never releases plaintext that differs from the original, even from a damaged ciphertext span', async () => {
    const stored = await seal();
    const layout = await layoutOfBuffer(stored, masterKey, 'victim');
    const plan = planRange(layout, 0)!;
    const damaged = Buffer.from(stored);
    const second = layout.segment(1);
    damaged[second.offset + 3]! ^= 0x40;
    const released: Buffer[] = [];
    const open = new OpenStream(layout, plan);
    open.on('data', (chunk: Buffer) => released.push(chunk));
    const failure = await pipeline(Readable.from([damaged.subarray(plan.cipherStart, plan.cipherEnd + 1)]), open).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CorruptObjectError);
    expect((failure as CorruptObjectError).chunk).toBe(1);
    const out = Buffer.concat(released);
    expect(out.length).toBe(layout.segment(0).plaintextLength);
    expect(out.equals(plaintext.subarray(0, out.length))).toBe(true);
  });

  it('reports a short storage read as truncation with the chunk number', async () => {
    const stored = await seal();
    const layout = await layoutOfBuffer(stored, masterKey, 'victim');
    const plan = planRange(layout, 0)!;
    const open = new OpenStream(layout, plan);
    open.resume();
    const failure = await pipeline(Readable.from([stored.subarray(plan.cipherStart, layout.segment(1).offset + 10)]), open).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CorruptObjectError);
    expect((failure as CorruptObjectError).chunk).toBe(1);
  });
});

describe('segment surgery on a plain object (equal-sized segments)', () => {
  const plaintext = randomBytes(4 * C);
  const seal = (objectId = 'victim') => sealBuffer({ masterKey, objectId, chunkSize: C }, plaintext).then((r) => r.bytes);
  const segments = (stored: Buffer) => Array.from({ length: 4 }, (_, i) => stored.subarray(HEADER_LENGTH + i * SPAN, HEADER_LENGTH + (i + 1) * SPAN));
  const assemble = (stored: Buffer, parts: Buffer[]) => Buffer.concat([stored.subarray(0, HEADER_LENGTH), ...parts]);

  it('rejects deleted, duplicated, swapped and reordered segments', async () => {
    const stored = await seal();
    const [s0, s1, s2, s3] = segments(stored) as [Buffer, Buffer, Buffer, Buffer];
    const cases: Record<string, Buffer[]> = {
      'first deleted': [s1, s2, s3],
      'middle deleted': [s0, s2, s3],
      'final deleted': [s0, s1, s2],
      'middle duplicated': [s0, s1, s1, s2, s3],
      'final duplicated': [s0, s1, s2, s3, s3],
      'two swapped': [s0, s2, s1, s3],
      'final moved first': [s3, s0, s1, s2],
    };
    for (const [what, parts] of Object.entries(cases)) await expectRejected(assemble(stored, parts), what);
  });

  it('rejects a segment spliced in from another object of the same vault', async () => {
    const [victim, donor] = await Promise.all([seal(), seal('donor')]);
    const parts = segments(victim);
    parts[1] = segments(donor)[1]!;
    const error = await expectRejected(assemble(victim, parts), 'spliced segment');
    expect((error as CorruptObjectError).chunk).toBe(1);
  });

  it('samples bit flips over a multi-megabyte object, each reported at the right chunk', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const { bytes } = await sealBuffer({ masterKey, objectId: 'big' }, big);
    const layout = await layoutOfBuffer(bytes, masterKey, 'big');
    const random = seededRandom(99);
    for (let i = 0; i < 40; i++) {
      const at = HEADER_LENGTH + Math.floor(random() * (bytes.length - HEADER_LENGTH));
      const copy = Buffer.from(bytes);
      copy[at]! ^= 1 << (i % 8);
      const error = await expectRejected(copy, `byte ${at}`, 'big');
      const chunk = Math.floor((at - HEADER_LENGTH) / (layout.header.chunkSize + TAG_LENGTH));
      expect((error as CorruptObjectError).chunk).toBe(chunk);
    }
  });
});

describe('tampering with the index and footer of an indexed object', () => {
  it('rejects a damaged footer magic, a wrong index length and a replaced index', async () => {
    const plaintext = textLike(3 * C);
    const { bytes } = await sealBuffer({ masterKey, objectId: 'victim', chunkSize: C, compress: true }, plaintext);
    const footerAt = bytes.length - 8;
    const badMagic = Buffer.from(bytes);
    badMagic[footerAt + 5] = 0x00;
    await expectRejected(badMagic, 'footer magic');
    for (const delta of [-9, -1, 1, 9, 1 << 20]) {
      const badLength = Buffer.from(bytes);
      badLength.writeUInt32BE(bytes.readUInt32BE(footerAt) + delta, footerAt);
      await expectRejected(badLength, `index length ${delta}`);
    }
    const { bytes: other } = await sealBuffer({ masterKey, objectId: 'victim', chunkSize: C, compress: true }, textLike(3 * C + 1));
    const otherIndexLength = other.readUInt32BE(other.length - 8);
    const theirs = other.subarray(other.length - 8 - otherIndexLength);
    const ownIndexLength = bytes.readUInt32BE(footerAt);
    await expectRejected(Buffer.concat([bytes.subarray(0, footerAt - ownIndexLength), theirs]), 'index from another object');
  });
});

describe('an index length claimed by the unauthenticated footer', () => {
  const C4 = MIN_CHUNK_SIZE;
  /** An indexed object of incompressible content, larger than the tail a first read fetches. */
  const plaintext = randomBytes(256 * C4);
  const sealed = sealBuffer({ masterKey, objectId: 'victim', chunkSize: C4, compress: true }, plaintext).then((r) => r.bytes);

  function claimingSegments(bytes: Buffer, segments: number): Buffer {
    const copy = Buffer.from(bytes);
    copy.writeUInt32BE(TAG_LENGTH + 4 + 9 * segments, copy.length - 8);
    return copy;
  }

  /** Reads the layout through a reader that records every range asked for. */
  async function layoutReading(stored: Buffer, expectedPlaintextLength?: number) {
    const ranges: Array<[number, number]> = [];
    const read = async (start: number, end: number) => {
      ranges.push([start, end]);
      return stored.subarray(start, end + 1);
    };
    const outcome = await readLayout(read, 'victim', masterKey, stored.length, expectedPlaintextLength).catch((e: unknown) => e);
    return { outcome, ranges };
  }

  it('is refused, reading nothing beyond header and tail, when it differs from the length the metadata implies', async () => {
    const bytes = await sealed;
    const { outcome: fine, ranges: first } = await layoutReading(bytes, plaintext.length);
    expect(fine).toMatchObject({ plaintextLength: plaintext.length, segmentCount: 256 });
    for (const segments of [255, 257, 10_000]) {
      const { outcome, ranges } = await layoutReading(claimingSegments(bytes, segments), plaintext.length);
      expect(outcome, `${segments} segments`).toBeInstanceOf(CorruptObjectError);
      expect((outcome as Error).message).toContain(`index of ${segments} segments`);
      expect(ranges).toEqual(first);
    }
  });

  it('is refused without reading it when the object has no room for that many segments, metadata or not', async () => {
    const bytes = await sealed;
    // 50,000 entries take 450 KB, well past the 128 KiB tail; 50,000 segments would need 850 KB of
    // the 605 KB the object has left before such an index.
    const { outcome, ranges } = await layoutReading(claimingSegments(bytes, 50_000));
    expect(outcome).toBeInstanceOf(CorruptObjectError);
    expect((outcome as Error).message).toContain('index of 50000 segments');
    expect(ranges).toHaveLength(2);
    expect(Math.min(...ranges.map(([start]) => start))).toBe(0);
    expect(ranges.every(([start, end]) => start === 0 || start >= bytes.length - 128 * 1024 && end === bytes.length - 1)).toBe(true);
  });
});
