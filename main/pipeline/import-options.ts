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
  /**
   * Refuses the path with NOT_A_FILE when it is a symbolic link, as a file found by walking a folder
   * must not be ([Note: Folder walk] in walk-folder.ts): a link may have taken its place since.
   */
  refuseLink?: boolean;
}
