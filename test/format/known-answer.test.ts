import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openBuffer, sealBuffer } from '../../main/format/buffer-io.js';
import { SealStream } from '../../main/format/seal-stream.js';
import { specRead } from './spec-reader.js';
import { VECTOR_CASES, VECTOR_MASTER_KEY, vectorSalt } from './vector-cases.js';

const vector = (name: string) => readFile(new URL(`../vectors/${name}.coffer`, import.meta.url));

describe.each(VECTOR_CASES.map((c, seed) => ({ ...c, seed })))('known-answer vector $name', (c) => {
  it('is reproduced byte for byte by sealing with the fixed key and salt', async () => {
    const { bytes } = await sealBuffer(
      { masterKey: VECTOR_MASTER_KEY, objectId: c.objectId, chunkSize: c.chunkSize, compress: c.compress, testOnlySalt: vectorSalt(c.seed) },
      c.plaintext,
    );
    expect(bytes.equals(await vector(c.name))).toBe(true);
  });

  it('opens to the original plaintext', async () => {
    expect((await openBuffer(await vector(c.name), VECTOR_MASTER_KEY, c.objectId)).equals(c.plaintext)).toBe(true);
  });

  it('opens with the independent reader written from docs/format.md', async () => {
    expect(specRead(await vector(c.name), VECTOR_MASTER_KEY, c.objectId).equals(c.plaintext)).toBe(true);
  });
});

describe('the fixed-salt switch', () => {
  it('is refused outside tests', () => {
    const saved = process.env.VITEST;
    delete process.env.VITEST;
    try {
      expect(() => new SealStream({ masterKey: VECTOR_MASTER_KEY, objectId: 'x', testOnlySalt: vectorSalt(0) })).toThrow(/known-answer tests only/);
    } finally {
      process.env.VITEST = saved;
    }
  });
});
