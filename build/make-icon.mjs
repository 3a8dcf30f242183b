// Draws build/icon.png (1024×1024), from which electron-builder makes every platform's icon:
// a rounded teal square with a keyhole. Run `node build/make-icon.mjs` after changing it.
import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

/** Coverage of pixel (x, y) by the shape, 0..1, from 4×4 supersampling. */
function coverage(inside, x, y) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

const c = SIZE / 2;
const roundedSquare = (x, y) => {
  const r = 200;
  const dx = Math.max(Math.abs(x - c) - (c - 40 - r), 0);
  const dy = Math.max(Math.abs(y - c) - (c - 40 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const keyhole = (x, y) =>
  Math.hypot(x - c, y - 420) <= 120 || (y >= 420 && y <= 760 && Math.abs(x - c) <= 40 + (y - 420) * 0.18);

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const bg = coverage(roundedSquare, x, y);
    const hole = coverage(keyhole, x, y);
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(20 + (245 - 20) * hole);
    raw[o + 1] = Math.round(110 + (245 - 110) * hole);
    raw[o + 2] = Math.round(120 + (245 - 120) * hole);
    raw[o + 3] = Math.round(255 * bg);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let i = 0; i < 8; i++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
const crc32 = (buf) => {
  let crc = 0xffffffff;
  for (const b of buf) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA

await writeFile(
  new URL('./icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
