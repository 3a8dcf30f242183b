import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { MASTER_KEY_LENGTH } from './constants.js';

/** The two keys one object needs: one seals its segments, the other commits the header to the key. */
export interface ObjectKeys {
  payloadKey: Buffer;
  commitKey: Buffer;
}

const OBJECT_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Throws unless `objectId` is a valid object id (it is bound into the key, so it must be canonical). */
export function assertObjectId(objectId: string): void {
  if (!OBJECT_ID.test(objectId)) throw new TypeError(`invalid object id: ${JSON.stringify(objectId)}`);
}

/**
 * Per-object keys: HKDF-SHA256 over the vault master key, the object's random salt and its id. Binding
 * the id means an object stored under another object's name fails the key commitment.
 */
export function deriveObjectKeys(masterKey: Buffer, salt: Buffer, objectId: string): ObjectKeys {
  if (masterKey.length !== MASTER_KEY_LENGTH) throw new TypeError('master key must be 32 bytes');
  assertObjectId(objectId);
  const okm = Buffer.from(hkdfSync('sha256', masterKey, salt, `coffer v1 object ${objectId}`, 64));
  return { payloadKey: okm.subarray(0, 32), commitKey: okm.subarray(32, 64) };
}

/** HMAC-SHA256 of the header's fixed fields under the commit key. */
export function commitment(commitKey: Buffer, headerPrefix: Buffer): Buffer {
  return createHmac('sha256', commitKey).update(headerPrefix).digest();
}

export function commitmentMatches(commitKey: Buffer, headerPrefix: Buffer, stored: Buffer): boolean {
  return timingSafeEqual(commitment(commitKey, headerPrefix), stored);
}
