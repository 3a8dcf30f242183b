/**
 * The renderer's Content-Security-Policy, sent as a header with every page. Scripts and styles only
 * from the app itself (no inline, no eval); media and images also from vault:, where decrypted
 * streams and pictures come from. No blob: or data: images: the page makes none, so the policy
 * allows none. Nothing may frame the page, be framed by it, be fetched from the network, or be
 * posted anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' vault:",
  "media-src 'self' vault:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
