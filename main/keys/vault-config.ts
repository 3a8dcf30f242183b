import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CofferError, CorruptConfigError, UnsupportedVersionError, WrongPassphraseError } from '../errors.js';
import { MASTER_KEY_LENGTH } from '../format/constants.js';
import { DEFAULT_SCRYPT_COST, deriveWrappingKey, kdfParamsSchema, newKdfParams, type KdfParams, type ScryptCost } from './scrypt-kdf.js';

const CONFIG_VERSION = 1;

/**
 * The most key slots a config may have, and so the most derivations one unlock makes: a config with
 * more is CORRUPT_CONFIG before anything is derived, so whoever can write it cannot make an unlock
 * run scrypt sixteen times.
 */
export const MAX_SLOTS = 4;

const keySlotSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['passphrase', 'recovery']),
  kdf: kdfParamsSchema,
  iv: z.base64().refine((s) => Buffer.from(s, 'base64').length === 12, 'iv must be 12 bytes'),
  /** The master key sealed with AES-256-GCM: 32 bytes of ciphertext then the 16-byte tag. */
  wrappedKey: z.base64().refine((s) => Buffer.from(s, 'base64').length === 48, 'wrapped key must be 48 bytes'),
});
export type KeySlot = z.infer<typeof keySlotSchema>;

/** The master key before a rekey, sealed with AES-256-GCM under the current one, while items remain under it. */
const retiredKeySchema = z.strictObject({
  iv: z.base64().refine((s) => Buffer.from(s, 'base64').length === 12, 'iv must be 12 bytes'),
  wrappedKey: z.base64().refine((s) => Buffer.from(s, 'base64').length === 48, 'wrapped key must be 48 bytes'),
});
export type RetiredKey = z.infer<typeof retiredKeySchema>;

const vaultConfigSchema = z.strictObject({
  format: z.literal('coffer-vault'),
  version: z.literal(CONFIG_VERSION),
  vaultId: z.uuid(),
  created: z.iso.datetime(),
  slots: z.array(keySlotSchema).min(1).max(MAX_SLOTS, `more than ${MAX_SLOTS} key slots: Coffer tries at most ${MAX_SLOTS} per unlock`),
  /** Present only while a rekey is under way ([Note: rekey] in main/vault/rekey.ts). */
  retired: retiredKeySchema.optional(),
});
/** The one object that makes a folder or bucket a vault: the master key wrapped once per key slot. */
export type VaultConfig = z.infer<typeof vaultConfigSchema>;

/** Binds the vault, the slot and its KDF parameters to the wrapped key, so none can be swapped or weakened. */
function slotAad(vaultId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'kdf'>): Buffer {
  const { N, r, p, salt } = slot.kdf;
  return Buffer.from(`coffer vault v${CONFIG_VERSION}|${vaultId}|${slot.id}|${slot.kind}|scrypt|${N}|${r}|${p}|${salt}`);
}

/** Wraps `masterKey` under a new slot for `secret`. */
export async function wrapMasterKey(vaultId: string, masterKey: Buffer, secret: string, kind: KeySlot['kind'] = 'passphrase', kdf: KdfParams = newKdfParams()): Promise<KeySlot> {
  if (secret.length === 0) throw new CofferError('INVALID_ARGUMENT', 'the passphrase must not be empty');
  const slot = { id: randomUUID(), kind, kdf };
  const iv = randomBytes(12);
  const wrappingKey = await deriveWrappingKey(secret, kdf);
  let cipher;
  try {
    cipher = createCipheriv('aes-256-gcm', wrappingKey, iv, { authTagLength: 16 });
  } finally {
    wrappingKey.fill(0);
  }
  cipher.setAAD(slotAad(vaultId, slot));
  const wrapped = Buffer.concat([cipher.update(masterKey), cipher.final(), cipher.getAuthTag()]);
  return { ...slot, iv: iv.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

/** Opens a wrapped master key (ciphertext || tag) under `key`; undefined when it does not authenticate. */
function openWrappedKey(key: Buffer, iv: string, aad: Buffer, wrappedKey: string): Buffer | undefined {
  const wrapped = Buffer.from(wrappedKey, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(wrapped.subarray(MASTER_KEY_LENGTH));
  const opened = decipher.update(wrapped.subarray(0, MASTER_KEY_LENGTH));
  try {
    decipher.final();
    return opened;
  } catch {
    opened.fill(0);
    return undefined;
  }
}

async function unwrapSlot(vaultId: string, slot: KeySlot, secret: string): Promise<Buffer | undefined> {
  const wrappingKey = await deriveWrappingKey(secret, slot.kdf);
  try {
    return openWrappedKey(wrappingKey, slot.iv, slotAad(vaultId, slot), slot.wrappedKey);
  } finally {
    // createDecipheriv keeps its own copy of the key, so ours can go at once.
    wrappingKey.fill(0);
  }
}

/** A new vault: a random 256-bit master key behind one passphrase slot of scrypt cost `cost`. */
export async function createVaultConfig(passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<{ config: VaultConfig; masterKey: Buffer }> {
  const masterKey = randomBytes(MASTER_KEY_LENGTH);
  const vaultId = randomUUID();
  const slot = await wrapMasterKey(vaultId, masterKey, passphrase, 'passphrase', newKdfParams(cost));
  const config: VaultConfig = { format: 'coffer-vault', version: CONFIG_VERSION, vaultId, created: new Date().toISOString(), slots: [slot] };
  return { config, masterKey };
}

/** Tries `secret` against each slot in turn; returns the master key and the slot that opened it. */
export async function unlockVaultConfig(config: VaultConfig, secret: string): Promise<{ masterKey: Buffer; slot: KeySlot }> {
  for (const slot of config.slots) {
    const masterKey = await unwrapSlot(config.vaultId, slot, secret);
    if (masterKey) return { masterKey, slot };
  }
  throw new WrongPassphraseError();
}

function retiredAad(vaultId: string): Buffer {
  return Buffer.from(`coffer vault v${CONFIG_VERSION}|${vaultId}|retired`);
}

/** Seals the previous master key under the current one, for the config's `retired` field. */
export function wrapRetiredKey(vaultId: string, masterKey: Buffer, retired: Buffer): RetiredKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: 16 });
  cipher.setAAD(retiredAad(vaultId));
  const wrapped = Buffer.concat([cipher.update(retired), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

/** The retired master key of a config mid-rekey; CORRUPT_CONFIG if it does not open under `masterKey`. */
export function unwrapRetiredKey(config: VaultConfig, masterKey: Buffer): Buffer | undefined {
  if (!config.retired) return undefined;
  const key = openWrappedKey(masterKey, config.retired.iv, retiredAad(config.vaultId), config.retired.wrappedKey);
  if (!key) throw new CorruptConfigError('retired: the previous master key does not open under the current one');
  return key;
}

export function serializeVaultConfig(config: VaultConfig): Buffer {
  return Buffer.from(`${JSON.stringify(config, null, 2)}\n`);
}

/** Parses stored config bytes: CORRUPT_CONFIG for damage, UNSUPPORTED_VERSION for a newer format. */
export function parseVaultConfig(bytes: Buffer): VaultConfig {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new CorruptConfigError('not valid JSON', { cause });
  }
  const version = (json as { version?: unknown } | null)?.version;
  if ((json as { format?: unknown } | null)?.format === 'coffer-vault' && typeof version === 'number' && version > CONFIG_VERSION) {
    throw new UnsupportedVersionError('vault config', version);
  }
  const parsed = vaultConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptConfigError(`${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
