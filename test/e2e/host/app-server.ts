import type { MediaHandler } from '../../../main/protocol/media-handler.js';
import { startLoopbackServer } from '../../../main/protocol/loopback-server.js';
import { createAppHandler } from '../../../main/shell/app-protocol.js';
import { APP_ORIGIN } from '../../../main/shell/app-origin.js';
import { MEDIA_PATH } from './bridge-names.js';

export interface AppServer {
  /** The renderer's index.html; the page's origin is this URL's. */
  entryUrl: string;
  close(): Promise<void>;
}

/**
 * Serves what Electron serves on app:// and vault:// on one http origin at 127.0.0.1, through
 * `coffer serve`'s loopback server (Host check, run secret as the first path segment, streaming
 * with backpressure, cancel on disconnect): `/media/<token>` goes to the media handler, which
 * accepts that form as is; every other path goes to the real app:// handler, so the page gets the
 * real CSP header and Chromium enforces it.
 */
export async function startAppServer(options: {
  rendererDir: string;
  media: MediaHandler;
  onError: (error: unknown) => void;
}): Promise<AppServer> {
  const { media, onError } = options;
  const app = createAppHandler({ root: options.rendererDir });
  const server = await startLoopbackServer({
    handler: (request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith(`/${MEDIA_PATH}`)) return media(request);
      return app(new Request(`${APP_ORIGIN}${pathname}`, { method: request.method }));
    },
    onError,
  });
  // Every URL of the server lives under its run secret: the page's folder is where media/ is.
  return { entryUrl: new URL('../index.html', server.mediaUrl('token')).href, close: () => server.close() };
}
