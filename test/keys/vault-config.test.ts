import { describe, expect, it, vi } from 'vitest';
import { CorruptConfigError, UnsupportedVersionError, WrongPassphraseError } from '../../main/errors.js';
import { openBuffer, sealBuffer } from '../../main/format/buffer-io.js';
import type * as kdfModule from '../../main/keys/scrypt-kdf.js';
import { newKdfParams } from '../../main/keys/scrypt-kdf.js';
import { changePassphrase, upgradedSlot } from '../../main/keys/slot-changes.js';
import {
  createVaultConfig,
  MAX_SLOTS,
  parseVaultConfig,
  serializeVaultConfig,
  unlockVaultConfig,
  wrapMasterKey,
  type VaultConfig,
} from '../../main/keys/vault-config.js';
import { TEST_KDF } from '../helpers/test-kdf.js';

// Every derivation passes through here, so tests can count them.
const derivations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../main/keys/scrypt-kdf.js', async (importOriginal) => {
  const original = await importOriginal<typeof kdfModule>();
  return {
    ...original,
    deriveWrappingKey: (...args: Parameters<typeof original.deriveWrappingKey>) => {
      derivations.count += 1;
      return original.deriveWrappingKey(...args);
    },
  };
});

const PASS = 'correct horse battery staple';
const created = await createVaultConfig(PASS, TEST_KDF);
const roundTrip = (config: VaultConfig) => parseVaultConfig(serializeVaultConfig(config));
const mutate = (edit: (json: Record<string, unknown> & { slots: Record<string, unknown>[] }) => void): Buffer => {
  const json = JSON.parse(serializeVaultConfig(created.config).toString());
  edit(json);
  return Buffer.from(JSON.stringify(json));
};

describe('vault config and key slots', () => {
  it('makes new slots with scrypt N = 2^18, r = 8, p = 1 and a random salt by default', async () => {
    const { config, masterKey } = await createVaultConfig(PASS);
    const [slot] = config.slots;
    expect(slot?.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 18, r: 8, p: 1 });
    expect(Buffer.from(slot!.kdf.salt, 'base64')).toHaveLength(32);
    expect(serializeVaultConfig(config).includes(masterKey.toString('base64'))).toBe(false);
    const changed = await changePassphrase(config, PASS, 'an entirely new passphrase');
    expect(changed.slots[0]?.kdf).toMatchObject({ N: 2 ** 18, r: 8, p: 1 });
  });

  it('unlocks with the right passphrase after a serialize/parse round trip', async () => {
    const { masterKey } = await unlockVaultConfig(roundTrip(created.config), PASS);
    expect(masterKey.equals(created.masterKey)).toBe(true);
  });

  it('reports a wrong passphrase as WRONG_PASSPHRASE', async () => {
    await expect(unlockVaultConfig(created.config, 'correct horse battery stapler')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('treats canonically equivalent Unicode passphrases as the same', async () => {
    const { config, masterKey } = await createVaultConfig('caf\u00e9', TEST_KDF);
    expect((await unlockVaultConfig(config, 'cafe\u0301')).masterKey.equals(masterKey)).toBe(true);
  });

  it('changes the passphrase by rewrapping: old one fails, new one opens the same content', async () => {
    const { bytes } = await sealBuffer({ masterKey: created.masterKey, objectId: 'kept' }, Buffer.from('unchanged content'));
    const changed = await changePassphrase(created.config, PASS, 'new passphrase', TEST_KDF);
    expect(changed.vaultId).toBe(created.config.vaultId);
    expect(changed.slots[0]?.kdf.salt).not.toBe(created.config.slots[0]?.kdf.salt);
    await expect(unlockVaultConfig(changed, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    const { masterKey } = await unlockVaultConfig(roundTrip(changed), 'new passphrase');
    expect((await openBuffer(bytes, masterKey, 'kept')).toString()).toBe('unchanged content');
  });

  it('refuses to change the passphrase when the old one is wrong', async () => {
    await expect(changePassphrase(created.config, 'nope', 'whatever', TEST_KDF)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('upgrades a slot below the wanted cost by rewrapping the same master key, and leaves one at it alone', async () => {
    const old = await createVaultConfig(PASS, { N: 2 ** 15, r: 8, p: 1 });
    const { slot, masterKey } = await unlockVaultConfig(old.config, PASS);
    const upgraded = await upgradedSlot(old.config, slot, masterKey, PASS, { N: 2 ** 16, r: 8, p: 1 });
    expect(upgraded?.slots).toHaveLength(1);
    expect(upgraded?.slots[0]?.kdf).toMatchObject({ N: 2 ** 16, r: 8, p: 1 });
    expect((await unlockVaultConfig(roundTrip(upgraded!), PASS)).masterKey.equals(old.masterKey)).toBe(true);
    expect(await upgradedSlot(old.config, slot, masterKey, PASS, { N: 2 ** 15, r: 8, p: 1 })).toBeUndefined();
    expect(await upgradedSlot(old.config, slot, masterKey, PASS, TEST_KDF)).toBeUndefined();
  });

  it('opens with any of several slots (room for a recovery key)', async () => {
    const recovery = await wrapMasterKey(created.config.vaultId, created.masterKey, 'RECOVERY-1234-5678', 'recovery', newKdfParams(TEST_KDF));
    const config = roundTrip({ ...created.config, slots: [...created.config.slots, recovery] });
    expect((await unlockVaultConfig(config, 'RECOVERY-1234-5678')).slot.kind).toBe('recovery');
    expect((await unlockVaultConfig(config, PASS)).slot.kind).toBe('passphrase');
  });

  it('rejects a slot whose KDF parameters were changed (no silent weakening)', async () => {
    const raised = parseVaultConfig(mutate((json) => ((json.slots[0]!.kdf as { N: number }).N = 2 ** 15)));
    await expect(unlockVaultConfig(raised, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(() => parseVaultConfig(mutate((json) => ((json.slots[0]!.kdf as { N: number }).N = 2 ** 13)))).toThrow(CorruptConfigError);
  });

  it.each([
    ['N = 2^20, r = 32', { N: 2 ** 20, r: 32 }, '4096 MiB'],
    ['N = 2^21, r = 8', { N: 2 ** 21, r: 8 }, '2048 MiB'],
    ['N = 2^20, r = 8, p = 2', { N: 2 ** 20, r: 8, p: 2 }, '1024 MiB'],
  ])('refuses a slot asking scrypt for more than the cap (%s) as CORRUPT_CONFIG naming the cap, deriving nothing', (_what, kdf, memory) => {
    const before = derivations.count;
    const bytes = mutate((json) => Object.assign(json.slots[0]!.kdf as object, kdf));
    const started = performance.now();
    expect(() => parseVaultConfig(bytes)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_CONFIG', message: expect.stringMatching(new RegExp(`${memory}.*cap of N·r·p ≤ 2\\^23`)) }),
    );
    expect(performance.now() - started).toBeLessThan(100);
    expect(derivations.count).toBe(before);
  });

  it(`refuses a config of 16 slots as CORRUPT_CONFIG naming the limit of ${MAX_SLOTS}, deriving nothing`, () => {
    const before = derivations.count;
    const bytes = mutate((json) => (json.slots = Array.from({ length: 16 }, () => ({ ...json.slots[0]!, kdf: { ...newKdfParams({ N: 2 ** 20, r: 8, p: 1 }) } }))));
    expect(() => parseVaultConfig(bytes)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_CONFIG', message: expect.stringContaining(`Coffer tries at most ${MAX_SLOTS}`) }),
    );
    expect(derivations.count).toBe(before);
  });

  it(`derives at most ${MAX_SLOTS} times for a wrong passphrase on a config with the most slots`, async () => {
    const extra = await Promise.all(
      Array.from({ length: MAX_SLOTS - 1 }, (_, i) => wrapMasterKey(created.config.vaultId, created.masterKey, `recovery ${i}`, 'recovery', newKdfParams(TEST_KDF))),
    );
    const config = roundTrip({ ...created.config, slots: [...created.config.slots, ...extra] });
    const before = derivations.count;
    await expect(unlockVaultConfig(config, 'not any of them')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(derivations.count - before).toBe(MAX_SLOTS);
  });

  it('rejects a slot moved to another vault', async () => {
    const moved = parseVaultConfig(mutate((json) => (json.vaultId = '00000000-0000-4000-8000-000000000000')));
    await expect(unlockVaultConfig(moved, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
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
    await expect(createVaultConfig('', TEST_KDF)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
