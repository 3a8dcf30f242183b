import { protocol } from 'electron';
import { APP_SCHEME } from '../shell/app-origin.js';

/**
 * Declares our schemes' privileges; Electron requires this before `ready`. app:// is a standard,
 * secure origin for the renderer. vault:// is standard and secure too, with `stream` so <video>
 * accepts streamed range responses and `supportFetchAPI`; it does not bypass the CSP, which lists it
 * in media-src instead.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: 'vault', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** Installs the handlers for both schemes (after `ready`). */
export function handleProtocols(handlers: {
  app: (request: Request) => Promise<Response>;
  vault: (request: Request) => Promise<Response>;
}): void {
  protocol.handle(APP_SCHEME, handlers.app);
  protocol.handle('vault', handlers.vault);
}
