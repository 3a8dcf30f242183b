import { randomBytes } from 'node:crypto';
import { CorruptObjectError, KeyMismatchError, UnsupportedVersionError } from '../errors.js';
import {
  ALG_AES256GCM_HKDF_SHA256,
  FLAG_INDEXED,
  FORMAT_VERSION,
  HEADER_LENGTH,
  MAGIC,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  SALT_LENGTH,
} from './constants.js';
import { commitment, commitmentMatches, deriveObjectKeys, type ObjectKeys } from './object-keys.js';

/** Offset of the key commitment: everything before it is what the commitment covers. */
const COMMITTED_LENGTH = 48;

export interface Header {
  chunkSize: number;
  indexed: boolean;
  /** The 80 encoded bytes; every segment's AAD. */
  bytes: Buffer;
}

export interface SealedHeader {
  header: Header;
  keys: ObjectKeys;
}

/** Builds a fresh header with a random salt (or `salt`, for known-answer vectors) and derives the object's keys. */
export function createHeader(
  masterKey: Buffer,
  objectId: string,
  chunkSize: number,
  indexed: boolean,
  salt: Buffer = randomBytes(SALT_LENGTH),
): SealedHeader {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunk size must be an integer in [${MIN_CHUNK_SIZE}, ${MAX_CHUNK_SIZE}]`);
  }
  const bytes = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt8(FORMAT_VERSION, 6);
  bytes.writeUInt8(ALG_AES256GCM_HKDF_SHA256, 7);
  bytes.writeUInt32BE(chunkSize, 8);
  bytes.writeUInt8(indexed ? FLAG_INDEXED : 0, 12);
  salt.copy(bytes, 16);
  const keys = deriveObjectKeys(masterKey, salt, objectId);
  commitment(keys.commitKey, bytes.subarray(0, COMMITTED_LENGTH)).copy(bytes, COMMITTED_LENGTH);
  return { header: { chunkSize, indexed, bytes }, keys };
}

/**
 * Parses and authenticates a header: structure first (magic, version, algorithm, ranges), then the key
 * commitment, so a wrong key or a swapped object is reported before any segment is read.
 */
export function openHeader(bytes: Buffer, masterKey: Buffer, objectId: string): SealedHeader {
  if (bytes.length < HEADER_LENGTH) throw new CorruptObjectError(objectId, 'shorter than a header');
  const own = Buffer.from(bytes.subarray(0, HEADER_LENGTH));
  if (!own.subarray(0, 6).equals(MAGIC)) throw new CorruptObjectError(objectId, 'not a Coffer object (bad magic)');
  const version = own.readUInt8(6);
  if (version !== FORMAT_VERSION) throw new UnsupportedVersionError('object format', version);
  const algorithm = own.readUInt8(7);
  if (algorithm !== ALG_AES256GCM_HKDF_SHA256) throw new UnsupportedVersionError('object algorithm', algorithm);
  const chunkSize = own.readUInt32BE(8);
  const flags = own.readUInt8(12);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new CorruptObjectError(objectId, `chunk size ${chunkSize} out of range`);
  }
  if ((flags & ~FLAG_INDEXED) !== 0 || own.readUIntBE(13, 3) !== 0) {
    throw new CorruptObjectError(objectId, 'unknown header flags');
  }
  const salt = own.subarray(16, 16 + SALT_LENGTH);
  const keys = deriveObjectKeys(masterKey, salt, objectId);
  if (!commitmentMatches(keys.commitKey, own.subarray(0, COMMITTED_LENGTH), own.subarray(COMMITTED_LENGTH))) {
    throw new KeyMismatchError(objectId);
  }
  return { header: { chunkSize, indexed: (flags & FLAG_INDEXED) !== 0, bytes: own }, keys };
}

/**
 * Master keys to try, the current one first: a vault mid-rekey reads objects under its previous key
 * too, and the key commitment tells at once which key an object is under.
 */
export type MasterKeys = Buffer | readonly Buffer[];

/** openHeader with the first of `masterKeys` the header commits to; KEY_MISMATCH when none does. */
export function openHeaderWithAny(bytes: Buffer, masterKeys: MasterKeys, objectId: string): SealedHeader & { keyIndex: number } {
  const keys = Buffer.isBuffer(masterKeys) ? [masterKeys] : masterKeys;
  for (const [keyIndex, key] of keys.entries()) {
    try {
      return { ...openHeader(bytes, key, objectId), keyIndex };
    } catch (error) {
      if (!(error instanceof KeyMismatchError) || keyIndex === keys.length - 1) throw error;
    }
  }
  throw new KeyMismatchError(objectId);
}
