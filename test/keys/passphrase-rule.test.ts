import { describe, expect, it } from 'vitest';
import { assessPassphrase, MIN_PASSPHRASE_LENGTH } from '../../contract/passphrase-strength.js';
import { assertStrongPassphrase } from '../../main/keys/passphrase-rule.js';

describe('the passphrase rule', () => {
  it.each(['correct horse battery staple', 'a long and careful passphrase', 'Vq7-mR2x!Lp9'])('accepts %j', async (passphrase) => {
    const assessment = await assessPassphrase(passphrase);
    expect(assessment).toMatchObject({ ok: true, reasons: [] });
    expect(assessment.score).toBeGreaterThanOrEqual(3);
    await expect(assertStrongPassphrase(passphrase)).resolves.toBeUndefined();
  });

  it.each([
    ['an empty one', '', 'It is empty.'],
    ['one under ten characters, however random', 'Vq7-mR2x!', 'It is too short: 9 characters, where at least 10 are needed.'],
    ['a common password', 'password123', 'This is a commonly used password.'],
    ['a keyboard row', 'qwertyuiop', 'This is a frequently used password.'],
    ['a common password in l33t spelling', 'P@ssw0rd2024', 'This is similar to a commonly used password.'],
    ['a repeated word', 'passwordpassword', 'Repeated character patterns like "abcabcabc" are easy to guess.'],
  ])('refuses %s, saying why', async (_what, passphrase, reason) => {
    const assessment = await assessPassphrase(passphrase);
    expect(assessment.ok).toBe(false);
    expect(assessment.reasons).toContain(reason);
    await expect(assertStrongPassphrase(passphrase)).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      message: expect.stringContaining(reason),
    });
  });

  it('counts characters, not UTF-16 units or bytes, after NFC normalisation', async () => {
    // Nine emoji are eighteen UTF-16 units; a decomposed é is two code points but one after NFC.
    expect((await assessPassphrase('🔑'.repeat(MIN_PASSPHRASE_LENGTH - 1))).reasons[0]).toMatch(/9 characters/);
    expect((await assessPassphrase('cafe\u0301 noir'.slice(0, 9))).reasons[0]).toMatch(/8 characters/);
  });

  it('says a guessable passphrase of enough length is too easy to guess, with what would help', async () => {
    const { ok, score, reasons } = await assessPassphrase('long enough');
    expect(ok).toBe(false);
    expect(score).toBeLessThan(3);
    expect(reasons).toEqual(['It is too easy to guess.', 'Add more words that are less common.']);
  });

  it.each([
    ['', [{ key: 'empty' }, { key: 'guessable' }, { key: 'suggestions.useWords' }, { key: 'suggestions.noNeed' }]],
    ['Vq7-mR2x!', [{ key: 'tooShort', length: 9, minimum: MIN_PASSPHRASE_LENGTH }]],
    ['password123', [{ key: 'warnings.common' }, { key: 'suggestions.anotherWord' }]],
    ['long enough', [{ key: 'guessable' }, { key: 'suggestions.anotherWord' }]],
  ])('gives the reasons for %j also as translation keys, one for each English reason', async (passphrase, keys) => {
    const { reasons, reasonKeys } = await assessPassphrase(passphrase);
    expect(reasonKeys).toEqual(keys);
    expect(reasonKeys).toHaveLength(reasons.length);
  });

  it('has no reason keys for a passphrase it accepts', async () => {
    expect((await assessPassphrase('correct horse battery staple')).reasonKeys).toEqual([]);
  });
});
