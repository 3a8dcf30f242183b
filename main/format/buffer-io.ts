import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import type { MasterKeys } from './header.js';
import { readLayout, type ObjectLayout } from './layout.js';
import { OpenStream } from './open-stream.js';
import { planRange } from './range-plan.js';
import { SealStream, type SealOptions, type SealResult } from './seal-stream.js';

/** Seals a whole in-memory plaintext (small objects: metadata, test vectors). */
export async function sealBuffer(options: SealOptions, plaintext: Buffer): Promise<{ bytes: Buffer; result: SealResult }> {
  const seal = new SealStream(options);
  const [bytes] = await Promise.all([buffer(seal), pipeline(Readable.from([plaintext]), seal)]);
  return { bytes, result: seal.result };
}

/** The layout of an object held in memory. */
export function layoutOfBuffer(stored: Buffer, masterKey: MasterKeys, objectId: string): Promise<ObjectLayout> {
  return readLayout(async (start, end) => stored.subarray(start, end + 1), objectId, masterKey, stored.length);
}

/** Decrypts plaintext bytes [start, end] of an object held in memory; the whole object by default. */
export async function openBuffer(stored: Buffer, masterKey: MasterKeys, objectId: string, start = 0, end?: number): Promise<Buffer> {
  const layout = await layoutOfBuffer(stored, masterKey, objectId);
  const plan = planRange(layout, start, end);
  if (!plan) return Buffer.alloc(0);
  const open = new OpenStream(layout, plan);
  const [plain] = await Promise.all([buffer(open), pipeline(Readable.from([stored.subarray(plan.cipherStart, plan.cipherEnd + 1)]), open)]);
  return plain;
}
