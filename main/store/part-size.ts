const MiB = 1024 * 1024;
/** S3's smallest part (except the last). */
const MIN_PART_SIZE = 5 * MiB;
/** S3's largest part count per multipart upload. */
const MAX_PARTS = 10_000;

/**
 * The multipart part size for an object of about `sizeHint` bytes: 5 MiB, or enough whole MiB that
 * 10,000 parts hold `sizeHint`. Without a hint parts stay at 5 MiB, which caps the object at ~48.8 GiB,
 * so pass the hint (as an upper bound: the stored size, not the plaintext size) for anything large.
 */
export function partSizeFor(sizeHint?: number): number {
  if (sizeHint === undefined || !(sizeHint > 0)) return MIN_PART_SIZE;
  return Math.max(MIN_PART_SIZE, Math.ceil(sizeHint / MAX_PARTS / MiB) * MiB);
}
