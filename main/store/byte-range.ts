import { CofferError } from '../errors.js';

/**
 * Throws INVALID_ARGUMENT unless `start`/`end` (both inclusive, both optional) describe a forward
 * range of whole byte offsets. Whether the range fits the object is up to the store to check.
 */
export function assertValidRange(start: number | undefined, end: number | undefined): void {
  for (const [name, value] of [['start', start], ['end', end]] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new CofferError('INVALID_ARGUMENT', `range ${name} must be a whole number of bytes, got ${value}`);
    }
  }
  if (start !== undefined && end !== undefined && end < start) {
    throw new CofferError('INVALID_ARGUMENT', `range end ${end} is before its start ${start}`);
  }
}

/** The error for a range that starts at or past the end of the object. */
export function rangeNotSatisfiable(key: string, start: number, size?: number): CofferError {
  const extent = size === undefined ? '' : ` (${size} bytes)`;
  return new CofferError('INVALID_ARGUMENT', `range starting at byte ${start} is past the end of ${key}${extent}`);
}
