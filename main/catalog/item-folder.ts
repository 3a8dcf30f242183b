import { CofferError } from '../errors.js';

/** Longest folder, and longest segment of one, in characters (Unicode code points). */
export const MAX_FOLDER_LENGTH = 1024;
export const MAX_FOLDER_SEGMENT = 255;

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Why `folder` cannot be an item's folder, or undefined when it can. A folder is a relative path,
 * its segments joined by '/': no leading or trailing '/', no empty, '.' or '..' segment, no control
 * character, at most MAX_FOLDER_SEGMENT characters a segment and MAX_FOLDER_LENGTH in all. '' is no
 * folder, and is fine.
 */
export function folderProblem(folder: string): string | undefined {
  if (folder === '') return undefined;
  if ([...folder].length > MAX_FOLDER_LENGTH) return `is longer than ${MAX_FOLDER_LENGTH} characters`;
  if (CONTROL_CHARS.test(folder)) return 'contains a control character';
  for (const segment of folder.split('/')) {
    if (segment === '') return "has an empty segment (a leading, trailing or doubled '/')";
    if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
    if ([...segment].length > MAX_FOLDER_SEGMENT) return `has a segment longer than ${MAX_FOLDER_SEGMENT} characters`;
  }
  return undefined;
}

/** Throws INVALID_ARGUMENT, saying why, unless `folder` can be an item's folder. */
export function assertItemFolder(folder: string): void {
  const problem = folderProblem(folder);
  if (problem) throw new CofferError('INVALID_ARGUMENT', `the folder ${JSON.stringify(folder)} ${problem}`);
}
