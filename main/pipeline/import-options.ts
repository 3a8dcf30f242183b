export interface ImportProgress {
  bytesRead: number;
  bytesStored: number;
  total: number;
  /** Bytes read per second, smoothed. */
  rate: number;
  /** Seconds left at the current rate; undefined until a rate is known. */
  etaSeconds: number | undefined;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Name to list the item under; defaults to the file's base name. */
  name?: string;
  /**
   * Folder to list the item in, e.g. `Trip/day1` (rules in catalog/item-folder.ts); '' or absent is
   * none. A folder that breaks the rules is refused with INVALID_ARGUMENT before anything is read.
   */
  folder?: string;
}
