import type { ScryptCost } from '../../main/keys/scrypt-kdf.js';

/**
 * A cheap scrypt cost (16 MiB, about 60 ms) for tests that create and unlock many vaults, passed as
 * OpenVaultOptions.kdf; the real default takes a second each time. Tests about the KDF itself, and
 * the CLI's, run at the default.
 */
export const TEST_KDF: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
