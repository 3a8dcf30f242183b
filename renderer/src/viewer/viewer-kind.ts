import { isDisplayableImage } from '../library/kinds.js';

/** How the viewer shows an item: played, looked at, read, or offered for export. */
export type ViewerKind = 'video' | 'audio' | 'photo' | 'text' | 'other';

export function viewerKindOf(type: string): ViewerKind {
  const mime = type.split(';')[0]!.trim().toLowerCase();
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (isDisplayableImage(mime)) return 'photo';
  if (isText(mime)) return 'text';
  return 'other';
}

/** text/*, JSON and the JSON-based formats (application/ld+json, application/geo+json…). */
export function isText(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json');
}

export function isJson(mime: string): boolean {
  const base = mime.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}
