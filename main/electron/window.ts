import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../shell/app-origin.js';

/**
 * The one window: isolated, sandboxed, no Node in the page, web security on. The page comes from
 * app://coffer and talks to main only through the preload's `window.coffer`.
 */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    title: 'Coffer',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
