/** Coffer's Electron entry point. Everything it does lives in main/electron/app.ts. */
import { startApp } from './electron/app.js';

startApp();
