/**
 * The sandboxed preload: exposes `window.coffer`, generated from the contract's names. The page
 * gets one function per request and one subscription per event — never ipcRenderer, never a
 * generic invoke, never Electron's event object.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from '../contract/api.js';

contextBridge.exposeInMainWorld(
  'coffer',
  buildApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
    off: (channel, listener) => void ipcRenderer.removeListener(channel, listener),
    pathForFile: (file) => webUtils.getPathForFile(file),
  }),
);
