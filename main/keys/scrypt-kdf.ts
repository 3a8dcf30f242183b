import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost parameters, stored with each key slot so they can be raised later without a format change. */
export const kdfParamsSchema = z.strictObject({
  name: z.literal('scrypt'),
  /** CPU/memory cost, a power of two. 2^17 uses 128 MiB and about half a second here. */
  N: z.number().int().min(2 ** 17).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(8).max(32),
  p: z.number().int().min(1).max(4),
  salt: z.base64().refine((s) => Buffer.from(s, 'base64').length === 32, 'salt must be 32 bytes'),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export function newKdfParams(): KdfParams {
  return { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, salt: randomBytes(32).toString('base64') };
}

/** Derives the 32-byte key-encryption key from a passphrase (NFC-normalised so the same text always matches). */
export function deriveWrappingKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
