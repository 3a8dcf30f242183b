import { createCipheriv, createDecipheriv } from 'node:crypto';
import { NONCE_LENGTH, TAG_LENGTH } from './constants.js';

/**
 * STREAM nonce: the segment counter as an 11-byte big-endian number, then a final-segment flag byte.
 * Reordering, dropping or truncating segments changes the nonce a segment is opened with.
 */
export function segmentNonce(counter: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(NONCE_LENGTH);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

/** Seals one segment; returns its ciphertext and its tag. */
export function sealSegment(key: Buffer, aad: Buffer, counter: number, final: boolean, plaintext: Buffer): [Buffer, Buffer] {
  const cipher = createCipheriv('aes-256-gcm', key, segmentNonce(counter, final), { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  const ciphertext = tail.length === 0 ? head : Buffer.concat([head, tail]);
  return [ciphertext, cipher.getAuthTag()];
}

/**
 * Opens one stored segment (ciphertext || tag). Returns undefined when it does not authenticate;
 * `decipher.update` output is unauthenticated, so nothing is returned before `final()` succeeds.
 */
export function openSegment(key: Buffer, aad: Buffer, counter: number, final: boolean, stored: Buffer): Buffer | undefined {
  if (stored.length < TAG_LENGTH) return undefined;
  const split = stored.length - TAG_LENGTH;
  const decipher = createDecipheriv('aes-256-gcm', key, segmentNonce(counter, final), { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(stored.subarray(split));
  const head = decipher.update(stored.subarray(0, split));
  try {
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    return undefined;
  }
}
