import { CofferError } from '../errors.js';
import type { ObjectInfo, PutOptions } from './object-store.js';

/** Whether a put is conditional, and so must check and write as one step. */
export function isConditional(options: PutOptions): boolean {
  return options.ifMatch !== undefined || options.ifNoneMatch !== undefined;
}

/** Throws CONFLICT when `current` (the object at `key` now, if any) fails the put's condition. */
export function assertPrecondition(key: string, current: ObjectInfo | undefined, options: PutOptions): void {
  if (options.ifNoneMatch === '*' && current) throw new CofferError('CONFLICT', `object ${key} already exists; nothing was written`);
  if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) {
    throw new CofferError('CONFLICT', `object ${key} ${current ? 'changed' : 'was removed'} since it was read; nothing was written`);
  }
}
