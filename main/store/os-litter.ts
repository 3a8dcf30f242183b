/**
 * Files an operating system drops into any folder it shows (Finder, Explorer). They are nobody's
 * data: a folder holding only these counts as empty, and importing a folder leaves them out.
 */
const OS_LITTER = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/** Whether a file of this name is OS litter, in any letter case. */
export function isOsLitter(name: string): boolean {
  return OS_LITTER.has(name.toLowerCase());
}
