import { randomBytes } from 'node:crypto';

/**
 * How a vault names its objects. Names carry nothing about the content: ids are random, and each id
 * has a content object and a metadata object. The format binds each object to its object id (the
 * storage key with `/` as `.`), so objects cannot be swapped between names.
 */
export const CONFIG_KEY = 'coffer-vault.json';
export const CONTENT_PREFIX = 'c/';
export const METADATA_PREFIX = 'm/';

const ID = /^[a-z2-7]{26}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh item id: 128 random bits in lowercase base32 (26 characters); or those of `bytes` (17 or more). */
export function newItemId(bytes: Buffer = randomBytes(17)): string {
  let out = '';
  for (let i = 0; i < 26; i++) out += BASE32[(bytes.readUInt16BE(Math.floor((i * 5) / 8)) >> (11 - ((i * 5) % 8))) & 31];
  return out;
}

export function isItemId(value: string): boolean {
  return ID.test(value);
}

export const contentKey = (id: string) => `${CONTENT_PREFIX}${id}`;
export const metadataKey = (id: string) => `${METADATA_PREFIX}${id}`;
/** The format's object id for a storage key. */
export const objectIdOf = (key: string) => key.replace('/', '.');
