/**
 * [Note: Active content]
 *
 * A vault may hold any file, and some types make a browser run what is inside them: HTML, SVG and
 * XML carry scripts, a PDF viewer runs its own. Opened from a `coffer serve` URL, such a page would
 * run with the loopback origin: it could read the run secret and its token from its own address and
 * reach every other URL of the run. So only media that browsers merely decode is served as it is:
 * audio, video and raster images. Everything else goes out as a download (`Content-Disposition:
 * attachment`) under a CSP `sandbox` with `default-src 'none'`, so that a client that ignores the
 * disposition still shows it in an opaque origin with scripts, plugins and every fetch disabled.
 * The rule is an allow-list: a type we do not know is active. SVG is an image type, and active.
 */

/** Raster image types: decoded to pixels, never a document. */
const PASSIVE_IMAGE_TYPES = new Set([
  'image/apng',
  'image/avif',
  'image/bmp',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/jpeg',
  'image/jxl',
  'image/png',
  'image/tiff',
  'image/vnd.microsoft.icon',
  'image/webp',
  'image/x-icon',
]);

// RFC 9110 §8.3.1: type "/" subtype, both tokens; the parameters after it are not looked at.
const MEDIA_TYPE = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/;

/**
 * Whether `contentType` is media a browser only decodes (audio/*, video/*, raster images), which may
 * be served inline. Anything else, malformed types included, is active content.
 */
export function isPassiveMediaType(contentType: string): boolean {
  // Chromium reads a comma-separated Content-Type as a list and takes the last type, so
  // "video/mp4, text/html" would be HTML to it. Nothing passive needs a comma.
  if (contentType.includes(',')) return false;
  const essence = MEDIA_TYPE.exec((contentType.split(';')[0] as string).trim().toLowerCase());
  if (!essence) return false;
  const [, type, subtype] = essence;
  return type === 'audio' || type === 'video' || PASSIVE_IMAGE_TYPES.has(`${type}/${subtype}`);
}

/** The CSP every active item is served under: an opaque origin that may run and fetch nothing. */
export const ACTIVE_CONTENT_CSP = "sandbox; default-src 'none'";

/**
 * The headers that keep an active item from running (see [Note: Active content]): a download, named
 * `name` when given, in a script-less sandbox.
 */
export function activeContentHeaders(name?: string): Record<string, string> {
  return {
    'Content-Security-Policy': ACTIVE_CONTENT_CSP,
    'Content-Disposition': name ? `attachment; filename*=UTF-8''${encodeExtValue(name)}` : 'attachment',
  };
}

// RFC 8187 attr-char: what an ext-value may carry unencoded.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+.^_`|~-]$/;

/** RFC 8187 ext-value: UTF-8 bytes, percent-encoded except attr-chars (a lone surrogate becomes U+FFFD). */
function encodeExtValue(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
