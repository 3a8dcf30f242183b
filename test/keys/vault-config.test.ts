import { describe, expect, it } from 'vitest';
import { CorruptConfigError, UnsupportedVersionError, WrongPassphraseError } from '../../main/errors.js';
import { openBuffer, sealBuffer } from '../../main/format/buffer-io.js';
import {
  changePassphrase,
  createVaultConfig,
  parseVaultConfig,
  serializeVaultConfig,
  unlockVaultConfig,
  wrapMasterKey,
  type VaultConfig,
} from '../../main/keys/vault-config.js';

const created = await createVaultConfig('correct horse battery staple');
const roundTrip = (config: VaultConfig) => parseVaultConfig(serializeVaultConfig(config));
const mutate = (edit: (json: Record<string, unknown> & { slots: Record<string, unknown>[] }) => void): Buffer => {
  const json = JSON.parse(serializeVaultConfig(created.config).toString());
  edit(json);
  return Buffer.from(JSON.stringify(json));
};

describe('vault config and key slots', () => {
  it('stores scrypt with N >= 2^17, r = 8, p = 1 and a random salt', () => {
    const [slot] = created.config.slots;
    expect(slot?.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(slot!.kdf.salt, 'base64')).toHaveLength(32);
    expect(serializeVaultConfig(created.config).includes(created.masterKey.toString('base64'))).toBe(false);
  });

  it('unlocks with the right passphrase after a serialize/parse round trip', async () => {
    const { masterKey } = await unlockVaultConfig(roundTrip(created.config), 'correct horse battery staple');
    expect(masterKey.equals(created.masterKey)).toBe(true);
  });

  it('reports a wrong passphrase as WRONG_PASSPHRASE', async () => {
    await expect(unlockVaultConfig(created.config, 'correct horse battery stapler')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('treats canonically equivalent Unicode passphrases as the same', async () => {
    const { config, masterKey } = await createVaultConfig('caf\u00e9');
    expect((await unlockVaultConfig(config, 'cafe\u0301')).masterKey.equals(masterKey)).toBe(true);
  });

  it('changes the passphrase by rewrapping: old one fails, new one opens the same content', async () => {
    const { bytes } = await sealBuffer({ masterKey: created.masterKey, objectId: 'kept' }, Buffer.from('unchanged content'));
    const changed = await changePassphrase(created.config, 'correct horse battery staple', 'new passphrase');
    expect(changed.vaultId).toBe(created.config.vaultId);
    expect(changed.slots[0]?.kdf.salt).not.toBe(created.config.slots[0]?.kdf.salt);
    await expect(unlockVaultConfig(changed, 'correct horse battery staple')).rejects.toBeInstanceOf(WrongPassphraseError);
    const { masterKey } = await unlockVaultConfig(roundTrip(changed), 'new passphrase');
    expect((await openBuffer(bytes, masterKey, 'kept')).toString()).toBe('unchanged content');
  });

  it('refuses to change the passphrase when the old one is wrong', async () => {
    await expect(changePassphrase(created.config, 'nope', 'whatever')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('opens with any of several slots (room for a recovery key)', async () => {
    const recovery = await wrapMasterKey(created.config.vaultId, created.masterKey, 'RECOVERY-1234-5678', 'recovery');
    const config = roundTrip({ ...created.config, slots: [...created.config.slots, recovery] });
    expect((await unlockVaultConfig(config, 'RECOVERY-1234-5678')).slot.kind).toBe('recovery');
    expect((await unlockVaultConfig(config, 'correct horse battery staple')).slot.kind).toBe('passphrase');
  });

  it('rejects a slot whose KDF parameters were changed (no silent weakening)', async () => {
    const raised = parseVaultConfig(mutate((json) => ((json.slots[0]!.kdf as { N: number }).N = 2 ** 18)));
    await expect(unlockVaultConfig(raised, 'correct horse battery staple')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(() => parseVaultConfig(mutate((json) => ((json.slots[0]!.kdf as { N: number }).N = 2 ** 14)))).toThrow(CorruptConfigError);
  });

  it('rejects a slot moved to another vault', async () => {
    const moved = parseVaultConfig(mutate((json) => (json.vaultId = '00000000-0000-4000-8000-000000000000')));
    await expect(unlockVaultConfig(moved, 'correct horse battery staple')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it.each([
    ['not JSON', Buffer.from('{"format": "coffer-vault", ')],
    ['empty', Buffer.alloc(0)],
    ['no slots', mutate((json) => (json.slots = []))],
    ['a truncated wrapped key', mutate((json) => (json.slots[0]!.wrappedKey = 'AAAA'))],
    ['bad base64', mutate((json) => (json.slots[0]!.iv = '!!!not base64!!!'))],
    ['an unknown field', mutate((json) => (json.extra = true))],
    ['a wrong format name', mutate((json) => (json.format = 'something-else'))],
  ])('reports %s as CORRUPT_CONFIG', (_what, bytes) => {
    expect(() => parseVaultConfig(bytes)).toThrow(CorruptConfigError);
  });

  it('reports a newer config version as UNSUPPORTED_VERSION', () => {
    expect(() => parseVaultConfig(mutate((json) => (json.version = 2)))).toThrow(UnsupportedVersionError);
  });

  it('refuses an empty passphrase', async () => {
    await expect(createVaultConfig('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
