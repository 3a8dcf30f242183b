import { APP_ORIGIN, isAppUrl } from './app-origin.js';

/**
 * Links the app may open in the user's browser: https only, and only under these prefixes (help
 * pages the UI links to). Everything else a page asks to open is dropped.
 */
export const EXTERNAL_URL_ALLOWLIST = [
  'https://docs.aws.amazon.com/',
  'https://www.electronjs.org/docs/latest/api/safe-storage',
] as const;

/** True when `url` may be handed to shell.openExternal. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_URL_ALLOWLIST.some((prefix) => parsed.href.startsWith(prefix));
}

// `http://127.0.0.1:PORT/<run secret>/media/<token>`, as the loopback server builds it.
const EXTERNAL_PLAYER_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[A-Za-z0-9_-]{43}\/media\/[A-Za-z0-9_-]{43}$/;

/**
 * True when `url` is an external player's loopback URL, the one other kind shell.openExternal may
 * be given: it runs whatever handler a URL names (file:, custom schemes), so no other URL may reach
 * it along this path, whatever a bug upstream passes along.
 */
export function isExternalPlayerUrl(url: string): boolean {
  return EXTERNAL_PLAYER_URL.test(url);
}

/**
 * Permission requests and checks: all denied, except fullscreen for our own page, which is what the
 * player's fullscreen button asks for. No camera, microphone, notifications, geolocation, clipboard
 * reading, HID, serial or USB — a media vault needs none of them.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'fullscreen' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * Guards the vault:// handler: a request is served only when our app's page made it. Electron sets
 * `initiatorOrigin` on protocol.handle requests from the request's initiator, which web content
 * cannot forge; it is absent only for requests the browser starts itself. Every legitimate vault://
 * request comes from the page: `<video src>` loads, range requests and seeks are made by the media
 * element on the page's behalf and carry its origin. Nothing in Coffer loads vault:// from the
 * browser side (no navigation, no download of a vault:// URL), so a request without an initiator
 * has no legitimate source, and it is refused like any other (fail closed).
 */
export function guardInitiator(
  handler: (request: Request) => Promise<Response>,
): (request: Request & { initiatorOrigin?: string }) => Promise<Response> {
  return async (request) => {
    if (request.initiatorOrigin !== APP_ORIGIN) return new Response(null, { status: 403 });
    return handler(request);
  };
}
