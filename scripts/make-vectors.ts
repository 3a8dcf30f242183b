// Regenerates test/vectors/ from test/format/vector-cases.ts. Run: COFFER_TEST_VECTORS=1 npx tsx scripts/make-vectors.ts
// Only after a deliberate format change: the committed vectors are the format's memory.
import { writeFile } from 'node:fs/promises';
import { sealBuffer } from '../main/format/buffer-io.js';
import { VECTOR_CASES, VECTOR_MASTER_KEY, vectorSalt } from '../test/format/vector-cases.js';

const dir = new URL('../test/vectors/', import.meta.url);
for (const [seed, c] of VECTOR_CASES.entries()) {
  const { bytes } = await sealBuffer({ masterKey: VECTOR_MASTER_KEY, objectId: c.objectId, chunkSize: c.chunkSize, compress: c.compress, testOnlySalt: vectorSalt(seed) }, c.plaintext);
  await writeFile(new URL(`${c.name}.coffer`, dir), bytes);
  console.log(`${c.name}.coffer  ${bytes.length} bytes`);
}
