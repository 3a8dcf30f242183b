/** An item as the catalog lists it: all of this lives only inside the item's sealed metadata. */
export interface ItemSummary {
  id: string;
  name: string;
  /** Plaintext size in bytes. */
  size: number;
  /** MIME type, e.g. video/mp4. */
  type: string;
  /** ISO 8601 time the item was added. */
  added: string;
  /** True when the content is stored deflate-compressed (before encryption). */
  compressed: boolean;
  /** The folder it was imported from, '/'-separated, e.g. `Trip/day1`; '' for none. */
  folder: string;
}
