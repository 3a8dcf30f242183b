import { CofferError } from '../errors.js';
import type { ScryptCost } from '../keys/scrypt-kdf.js';

/**
 * The scrypt cost the CLI passes to the core as OpenVaultOptions.kdf: none (the default) except in
 * Coffer's own test runs, where COFFER_TEST_SCRYPT_N=<N> lets the CLI tests, which start the CLI a
 * few hundred times, unlock in milliseconds rather than a second. Outside Vitest the variable is an
 * error rather than ignored, so it can never quietly weaken a real vault.
 */
export function kdfForTests(env: NodeJS.ProcessEnv): ScryptCost | undefined {
  const n = env.COFFER_TEST_SCRYPT_N;
  if (n === undefined || n === '') return undefined;
  if (env.VITEST !== 'true') throw new CofferError('INVALID_ARGUMENT', "COFFER_TEST_SCRYPT_N is for Coffer's own tests only: unset it");
  return { N: Number(n), r: 8, p: 1 };
}
