import { randomBytes } from 'node:crypto';
import { MASTER_KEY_LENGTH } from '../format/constants.js';
import { newKdfParams, scryptWork, DEFAULT_SCRYPT_COST, type ScryptCost } from './scrypt-kdf.js';
import { unlockVaultConfig, wrapMasterKey, wrapRetiredKey, type KeySlot, type VaultConfig } from './vault-config.js';

function replaceSlot(config: VaultConfig, old: KeySlot, replacement: KeySlot): VaultConfig {
  return { ...config, slots: config.slots.map((s) => (s.id === old.id ? replacement : s)) };
}

/**
 * Rewraps the master key under a new passphrase in place of the slot the old one opens; no content
 * changes. The master key this unwraps is a second copy of the session's, zeroed before returning.
 */
export async function changePassphrase(config: VaultConfig, oldPassphrase: string, newPassphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<VaultConfig> {
  const { masterKey, slot } = await unlockVaultConfig(config, oldPassphrase);
  try {
    return replaceSlot(config, slot, await wrapMasterKey(config.vaultId, masterKey, newPassphrase, slot.kind, newKdfParams(cost)));
  } finally {
    masterKey.fill(0);
  }
}

/**
 * [Note: slot upgrade] The config with `slot` (which `secret` just opened) rewrapped at `cost`, when
 * its own scrypt cost is lower; undefined when it needs nothing. This is how vaults made with 2^17
 * move to 2^18 on their next unlock: only the slot changes, no content is re-encrypted.
 */
export async function upgradedSlot(config: VaultConfig, slot: KeySlot, masterKey: Buffer, secret: string, cost: ScryptCost): Promise<VaultConfig | undefined> {
  if (scryptWork(slot.kdf) >= scryptWork(cost)) return undefined;
  return replaceSlot(config, slot, await wrapMasterKey(config.vaultId, masterKey, secret, slot.kind, newKdfParams(cost)));
}

/**
 * The config that starts a rekey: a new random master key behind one new passphrase slot (every
 * other slot wraps the old key, so it goes), and the old key wrapped under the new one as `retired`
 * until nothing is stored under it any more.
 */
export async function beginRekey(config: VaultConfig, oldMasterKey: Buffer, newPassphrase: string, cost: ScryptCost): Promise<{ config: VaultConfig; masterKey: Buffer }> {
  const masterKey = randomBytes(MASTER_KEY_LENGTH);
  const slot = await wrapMasterKey(config.vaultId, masterKey, newPassphrase, 'passphrase', newKdfParams(cost));
  return { config: { ...config, slots: [slot], retired: wrapRetiredKey(config.vaultId, masterKey, oldMasterKey) }, masterKey };
}

/** The config once no object remains under the retired key: the retired key is dropped. */
export function finishRekey(config: VaultConfig): VaultConfig {
  const { retired: _retired, ...rest } = config;
  return rest;
}
