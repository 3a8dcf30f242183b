import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/**
 * A whole-object reader written from docs/format.md alone, sharing no code with main/format, so the
 * known-answer tests also check that the spec says enough to build a compatible reader.
 */
export function specRead(object: Buffer, masterKey: Buffer, objectId: string): Buffer {
  const header = object.subarray(0, 80);
  if (header.toString('latin1', 0, 6) !== 'COFFER' || header[6] !== 1 || header[7] !== 1) throw new Error('bad header');
  const chunkSize = header.readUInt32BE(8);
  const indexed = (header[12]! & 1) === 1;
  const okm = Buffer.from(hkdfSync('sha256', masterKey, header.subarray(16, 48), `coffer v1 object ${objectId}`, 64));
  const expected = createHmac('sha256', okm.subarray(32)).update(header.subarray(0, 48)).digest();
  if (!expected.equals(header.subarray(48, 80))) throw new Error('key commitment mismatch');
  const open = (counter: number, final: boolean, stored: Buffer): Buffer => {
    const nonce = Buffer.alloc(12);
    nonce.writeUIntBE(counter, 5, 6);
    nonce[11] = final ? 1 : 0;
    const d = createDecipheriv('aes-256-gcm', okm.subarray(0, 32), nonce, { authTagLength: 16 });
    d.setAAD(header);
    d.setAuthTag(stored.subarray(stored.length - 16));
    return Buffer.concat([d.update(stored.subarray(0, stored.length - 16)), d.final()]);
  };
  const body = object.subarray(80);
  if (!indexed) {
    const span = chunkSize + 16;
    const count = Math.max(1, Math.ceil(body.length / span));
    return Buffer.concat(Array.from({ length: count }, (_, i) => open(i, i === count - 1, body.subarray(i * span, (i + 1) * span))));
  }
  const indexLength = object.readUInt32BE(object.length - 8);
  if (object.toString('latin1', object.length - 4) !== 'CFIX') throw new Error('bad footer');
  const count = (indexLength - 20) / 9;
  const index = open(count, true, object.subarray(object.length - 8 - indexLength, object.length - 8));
  const out: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < index.readUInt32BE(0); i++) {
    const stored = index.readUInt32BE(4 + i * 9);
    const payload = open(i, false, body.subarray(offset, offset + stored));
    out.push(index[4 + i * 9 + 4] === 1 ? inflateRawSync(payload) : payload);
    offset += stored;
  }
  return Buffer.concat(out);
}
