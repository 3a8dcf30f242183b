import { protocol } from 'electron';
import { APP_SCHEME } from '../shell/app-origin.js';
import { PRIVILEGED_SCHEMES } from '../shell/schemes.js';

/** Declares our schemes' privileges (see schemes.ts); Electron requires this before `ready`. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES.map(({ scheme, privileges }) => ({ scheme, privileges: { ...privileges } })));
}

/** Installs the handlers for both schemes (after `ready`). */
export function handleProtocols(handlers: {
  app: (request: Request) => Promise<Response>;
  vault: (request: Request) => Promise<Response>;
}): void {
  protocol.handle(APP_SCHEME, handlers.app);
  protocol.handle('vault', handlers.vault);
}
