/** Coffer's Electron entry point. Everything it does lives in main/electron/app.ts. */
import { startApp } from './electron/app.js';
import { refuseToRunUnsandboxed } from './electron/sandbox-guard.js';

if (!refuseToRunUnsandboxed()) startApp();
