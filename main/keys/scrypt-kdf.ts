import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** What one scrypt derivation costs: N (a power of two) × r × p in time, 128·N·r bytes of memory. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * The cost of new slots, and the floor older slots are raised to on unlock: age's default, 2^18.
 * 256 MiB and about one second on the 2-core development machine.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 18, r: 8, p: 1 };

/**
 * The most work one slot may ask of an unlock, N·r·p ≤ 2^23: 1 GiB of memory at p = 1 and about four
 * seconds here. Whoever can write the config must not be able to make an unlock take gigabytes or
 * minutes, so a slot above it makes the config CORRUPT_CONFIG before anything is derived.
 */
export const MAX_SCRYPT_WORK = 2 ** 23;

/** The cheapest slot a reader accepts: 16 MiB. Coffer makes such slots only where tests and benchmarks ask. */
const MIN_N = 2 ** 14;

const MiB = 1024 * 1024;

export function scryptWork(cost: ScryptCost): number {
  return cost.N * cost.r * cost.p;
}

/** scrypt cost parameters, stored with each key slot so they can be raised later without a format change. */
export const kdfParamsSchema = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z.number().int().min(MIN_N).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(8).max(32),
    p: z.number().int().min(1).max(4),
    salt: z.base64().refine((s) => Buffer.from(s, 'base64').length === 32, 'salt must be 32 bytes'),
  })
  .superRefine((kdf, ctx) => {
    if (scryptWork(kdf) <= MAX_SCRYPT_WORK) return;
    const memory = (128 * kdf.N * kdf.r) / MiB;
    ctx.addIssue({
      code: 'custom',
      message: `scrypt N=${kdf.N}, r=${kdf.r}, p=${kdf.p} asks for ${memory} MiB of memory (N·r·p = ${scryptWork(kdf)}), above Coffer's cap of N·r·p ≤ 2^23 (1 GiB at p = 1)`,
    });
  });
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export function newKdfParams(cost: ScryptCost = DEFAULT_SCRYPT_COST): KdfParams {
  return { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(32).toString('base64') };
}

/**
 * Derives the 32-byte key-encryption key from a passphrase (NFC-normalised so the same text always
 * matches). The caller zeroes it once its cipher has taken it.
 */
export function deriveWrappingKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  // OpenSSL needs 128·r·(N + p + 2) bytes; the rest is headroom.
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 32 * MiB;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
