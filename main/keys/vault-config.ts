import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CofferError, CorruptConfigError, UnsupportedVersionError, WrongPassphraseError } from '../errors.js';
import { MASTER_KEY_LENGTH } from '../format/constants.js';
import { deriveWrappingKey, kdfParamsSchema, newKdfParams, type KdfParams } from './scrypt-kdf.js';

const CONFIG_VERSION = 1;

const keySlotSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['passphrase', 'recovery']),
  kdf: kdfParamsSchema,
  iv: z.base64().refine((s) => Buffer.from(s, 'base64').length === 12, 'iv must be 12 bytes'),
  /** The master key sealed with AES-256-GCM: 32 bytes of ciphertext then the 16-byte tag. */
  wrappedKey: z.base64().refine((s) => Buffer.from(s, 'base64').length === 48, 'wrapped key must be 48 bytes'),
});
export type KeySlot = z.infer<typeof keySlotSchema>;

const vaultConfigSchema = z.strictObject({
  format: z.literal('coffer-vault'),
  version: z.literal(CONFIG_VERSION),
  vaultId: z.uuid(),
  created: z.iso.datetime(),
  slots: z.array(keySlotSchema).min(1).max(16),
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
  const cipher = createCipheriv('aes-256-gcm', await deriveWrappingKey(secret, kdf), iv, { authTagLength: 16 });
  cipher.setAAD(slotAad(vaultId, slot));
  const wrapped = Buffer.concat([cipher.update(masterKey), cipher.final(), cipher.getAuthTag()]);
  return { ...slot, iv: iv.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

async function unwrapSlot(vaultId: string, slot: KeySlot, secret: string): Promise<Buffer | undefined> {
  const wrapped = Buffer.from(slot.wrappedKey, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', await deriveWrappingKey(secret, slot.kdf), Buffer.from(slot.iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(slotAad(vaultId, slot));
  decipher.setAuthTag(wrapped.subarray(MASTER_KEY_LENGTH));
  const key = decipher.update(wrapped.subarray(0, MASTER_KEY_LENGTH));
  try {
    decipher.final();
    return key;
  } catch {
    return undefined;
  }
}

/** A new vault: a random 256-bit master key behind one passphrase slot. */
export async function createVaultConfig(passphrase: string): Promise<{ config: VaultConfig; masterKey: Buffer }> {
  const masterKey = randomBytes(MASTER_KEY_LENGTH);
  const vaultId = randomUUID();
  const slot = await wrapMasterKey(vaultId, masterKey, passphrase);
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

/** Rewraps the master key under a new passphrase in place of the slot the old one opens; no content changes. */
export async function changePassphrase(config: VaultConfig, oldPassphrase: string, newPassphrase: string): Promise<VaultConfig> {
  const { masterKey, slot } = await unlockVaultConfig(config, oldPassphrase);
  const replacement = await wrapMasterKey(config.vaultId, masterKey, newPassphrase, slot.kind);
  return { ...config, slots: config.slots.map((s) => (s.id === slot.id ? replacement : s)) };
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
