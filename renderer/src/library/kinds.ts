/** What the library groups items by, derived from their MIME type alone. */
export const KINDS = ['video', 'photo', 'audio', 'document', 'other'] as const;
export type Kind = (typeof KINDS)[number];

// Office, OpenDocument, e-book and plain-text formats people think of as "documents".
const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/json',
  'application/rtf',
  'application/epub+zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);
const DOCUMENT_PREFIXES = ['text/', 'application/vnd.openxmlformats-officedocument.', 'application/vnd.oasis.opendocument.'];

/** The kind of a MIME type: "video/mp4" → video, "image/heic" → photo, "" → other. */
export function kindOf(type: string): Kind {
  const mime = type.split(';')[0]!.trim().toLowerCase();
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('image/')) return 'photo';
  if (mime.startsWith('audio/')) return 'audio';
  if (DOCUMENT_TYPES.has(mime) || DOCUMENT_PREFIXES.some((prefix) => mime.startsWith(prefix))) return 'document';
  return 'other';
}

/** Image formats Chromium decodes in an <img>: shown as photos; other images (HEIC, TIFF, RAW) are exported to open. */
const DISPLAYABLE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);

export function isDisplayableImage(type: string): boolean {
  return DISPLAYABLE_IMAGES.has(type.split(';')[0]!.trim().toLowerCase());
}
