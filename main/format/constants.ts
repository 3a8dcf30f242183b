/** Constants of container format version 1; docs/format.md is the normative description. */
export const MAGIC = Buffer.from('COFFER', 'latin1');
export const FORMAT_VERSION = 1;
/** AES-256-GCM with 16-byte tags, keys from HKDF-SHA256, commitment by HMAC-SHA256. */
export const ALG_AES256GCM_HKDF_SHA256 = 1;
export const HEADER_LENGTH = 80;
export const TAG_LENGTH = 16;
export const NONCE_LENGTH = 12;
export const SALT_LENGTH = 32;
export const MASTER_KEY_LENGTH = 32;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MIN_CHUNK_SIZE = 4 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** Header flag: segments may be compressed, and the object ends with an index segment and a footer. */
export const FLAG_INDEXED = 0x01;
export const FOOTER_MAGIC = Buffer.from('CFIX', 'latin1');
export const FOOTER_LENGTH = 8;
export const INDEX_ENTRY_LENGTH = 9;
export const INDEX_COUNT_LENGTH = 4;

export const enum Codec {
  Raw = 0,
  DeflateRaw = 1,
}
