import { APP_SCHEME } from './app-origin.js';

/** The privileges Electron's protocol.registerSchemesAsPrivileged takes (a subset of its Privileges). */
export interface SchemePrivileges {
  standard?: boolean;
  secure?: boolean;
  stream?: boolean;
  supportFetchAPI?: boolean;
  bypassCSP?: boolean;
  corsEnabled?: boolean;
}

/**
 * Our schemes and their privileges. app:// is a standard, secure origin for the renderer. vault://
 * is standard and secure too, with `stream` so <video> accepts streamed range responses, and
 * `supportFetchAPI`; it does not bypass the CSP, which lists it in media-src instead.
 */
export const PRIVILEGED_SCHEMES: readonly { scheme: string; privileges: SchemePrivileges }[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: 'vault', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
];
