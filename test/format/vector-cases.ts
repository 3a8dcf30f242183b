/** The known-answer cases: fixed key, ids and salts, so anyone can regenerate and check test/vectors/. */
export interface VectorCase {
  name: string;
  objectId: string;
  chunkSize: number;
  compress: boolean;
  plaintext: Buffer;
}

export const VECTOR_MASTER_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

/** Salt for a case: SHA-free and obvious, byte i = (i + seed) mod 256. */
export function vectorSalt(seed: number): Buffer {
  return Buffer.from(Array.from({ length: 32 }, (_, i) => (i + seed) & 0xff));
}

const pattern = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff));
const prose = (length: number) => Buffer.from('Coffer keeps private media private. '.repeat(Math.ceil(length / 36)).slice(0, length));

export const VECTOR_CASES: VectorCase[] = [
  { name: 'empty', objectId: 'vector-empty', chunkSize: 65536, compress: false, plaintext: Buffer.alloc(0) },
  { name: 'one-byte', objectId: 'vector-one-byte', chunkSize: 65536, compress: false, plaintext: Buffer.from('A') },
  { name: 'one-chunk', objectId: 'vector-one-chunk', chunkSize: 4096, compress: false, plaintext: pattern(4096) },
  { name: 'chunk-plus-one', objectId: 'vector-chunk-plus-one', chunkSize: 4096, compress: false, plaintext: pattern(4097) },
  { name: 'compressed-text', objectId: 'vector-compressed-text', chunkSize: 4096, compress: true, plaintext: prose(10_000) },
  { name: 'compressed-empty', objectId: 'vector-compressed-empty', chunkSize: 4096, compress: true, plaintext: Buffer.alloc(0) },
];
