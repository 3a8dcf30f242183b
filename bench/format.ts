// npm run bench:format — seal/open throughput of the container format beside raw AES-256-GCM over the
// same 64 KiB buffers in the same run (the ceiling), deflate's cost on text and on random data, and the
// storage overhead. Figures only; nothing here asserts a time.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { layoutOfBuffer } from '../main/format/buffer-io.js';
import type { ObjectLayout } from '../main/format/layout.js';
import { DEFAULT_CHUNK_SIZE } from '../main/format/constants.js';
import { OpenStream } from '../main/format/open-stream.js';
import { planRange, type RangePlan } from '../main/format/range-plan.js';
import { SealStream } from '../main/format/seal-stream.js';

const GiB = 1024 ** 3;
const total = Number(process.env.BENCH_BYTES ?? GiB);
const C = DEFAULT_CHUNK_SIZE;
const RUNS = 3;
const masterKey = randomBytes(32);
const pool: Buffer = randomBytes(64 * 1024 * 1024);
const chunks = (bytes: number, source = pool) => Array.from({ length: Math.ceil(bytes / C) }, (_, i) => source.subarray((i * C) % source.length, ((i * C) % source.length) + C));
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const time = async (fn: () => Promise<void> | void) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

function collect(into: Buffer[]): Writable {
  return new Writable({ write(chunk: Buffer, _e, cb) { into.push(chunk); cb(); } });
}
const discard = () => new Writable({ write(_c, _e, cb) { cb(); } });

const input = chunks(total);
const iv = randomBytes(12);

let rawSealed: [Buffer, Buffer][] = [];
const rawSeal = () => {
  rawSealed = input.map((c): [Buffer, Buffer] => {
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: 16 });
    const ciphertext = cipher.update(c);
    cipher.final();
    return [ciphertext, cipher.getAuthTag()];
  });
};
const rawOpen = () => {
  for (const [ciphertext, tag] of rawSealed) {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    decipher.update(ciphertext);
    decipher.final();
  }
};
let sealed: Buffer[] = [];
const cofferSeal = async () => {
  sealed = [];
  await pipeline(Readable.from(input), new SealStream({ masterKey, objectId: 'bench' }), collect(sealed));
};
// The layout (header and final segment, read once per object) is cached in the app, so it is set up
// outside the timed open, which streams the segments exactly as the seal produced them.
const object = async () => Buffer.concat(sealed);
let opened: { layout: ObjectLayout; plan: RangePlan } | undefined;
const cofferOpen = async () => {
  const { layout, plan } = opened!;
  await pipeline(Readable.from(sealed.slice(1)), new OpenStream(layout, plan), discard());
};

// Interleaved so that load from elsewhere on this noisy machine hits baseline and candidate alike.
const fastest = { rawSeal: Infinity, cofferSeal: Infinity, rawOpen: Infinity, cofferOpen: Infinity };
for (let run = 0; run < RUNS; run++) {
  fastest.rawSeal = Math.min(fastest.rawSeal, await time(rawSeal));
  fastest.cofferSeal = Math.min(fastest.cofferSeal, await time(cofferSeal));
  const layout = await layoutOfBuffer(await object(), masterKey, 'bench');
  opened = { layout, plan: planRange(layout, 0)! };
  fastest.rawOpen = Math.min(fastest.rawOpen, await time(rawOpen));
  fastest.cofferOpen = Math.min(fastest.cofferOpen, await time(cofferOpen));
}
rawSealed = [];

const text = Buffer.from(Array.from({ length: 64 * 1024 * 1024 / 64 }, (_, i) => `{"id":${i},"name":"item ${i % 977}","ok":true}`.padEnd(63) + '\n').join(''));
async function deflateRun(data: Buffer) {
  const out: Buffer[] = [];
  const ms = await time(() => pipeline(Readable.from(chunks(data.length, data)), new SealStream({ masterKey, objectId: 'bench-z', compress: true }), collect(out)));
  return { ms, ratio: Buffer.concat(out).length / data.length };
}
const textRun = await deflateRun(text);
const randomRun = await deflateRun(pool);

const rows = [
  ['raw AES-256-GCM seal (ceiling)', mbps(total, fastest.rawSeal), 1],
  ['coffer seal', mbps(total, fastest.cofferSeal), fastest.rawSeal / fastest.cofferSeal],
  ['raw AES-256-GCM open (ceiling)', mbps(total, fastest.rawOpen), 1],
  ['coffer open', mbps(total, fastest.cofferOpen), fastest.rawOpen / fastest.cofferOpen],
] as const;
console.log(`container format, ${(total / GiB).toFixed(2)} GiB in ${C / 1024} KiB chunks, best of ${RUNS}, node ${process.version}`);
for (const [name, rate, ratio] of rows) console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(6)} MB/s   ${ratio.toFixed(2)}x ceiling`);
const stored = opened!.layout.storedLength;
console.log(`storage overhead, incompressible     ${(((stored - total) / total) * 100).toFixed(4)} % (${stored - total} bytes)`);
console.log(`seal+deflate, 64 MiB JSON lines      ${mbps(text.length, textRun.ms).toFixed(0).padStart(6)} MB/s   stored ${(textRun.ratio * 100).toFixed(1)} % of size`);
console.log(`seal+deflate, 64 MiB random          ${mbps(pool.length, randomRun.ms).toFixed(0).padStart(6)} MB/s   stored ${(randomRun.ratio * 100).toFixed(2)} % of size`);
