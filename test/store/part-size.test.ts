import { describe, expect, it } from 'vitest';
import { partSizeFor } from '../../main/store/part-size.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('partSizeFor', () => {
  it('uses the 5 MiB minimum without a size hint or for small objects', () => {
    expect(partSizeFor(undefined)).toBe(5 * MiB);
    expect(partSizeFor(0)).toBe(5 * MiB);
    expect(partSizeFor(100 * MiB)).toBe(5 * MiB);
    expect(partSizeFor(10_000 * 5 * MiB)).toBe(5 * MiB);
  });

  it.each([10_000 * 5 * MiB + 1, 50 * GiB, 200 * GiB + 12_345, 1024 * GiB, 5 * 1024 * GiB])(
    'picks the smallest whole-MiB part that holds %i bytes in 10,000 parts',
    (size) => {
      const part = partSizeFor(size);
      expect(part % MiB).toBe(0);
      expect(Math.ceil(size / part)).toBeLessThanOrEqual(10_000);
      expect(Math.ceil(size / (part - MiB))).toBeGreaterThan(10_000);
    },
  );
});
