import { ipcMain, type BrowserWindow } from 'electron';
import { callChannel, callNames, eventChannel } from '../../contract/channels.js';
import type { Dispatch } from '../ipc/dispatcher.js';
import type { EventSink } from '../ipc/events.js';

/**
 * The one place main touches raw IPC. Every request channel the contract lists gets the same
 * handler: hand the sender and the raw arguments to the Electron-free dispatcher, which checks
 * the sender, parses, runs and wraps the result.
 */
export function registerIpc(dispatch: Dispatch): void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), (event, ...args: unknown[]) =>
      dispatch(name, { frame: event.senderFrame, contentsId: event.sender.id }, args),
    );
  }
}

/** Sends events to the window's page, if there is one that can receive them. */
export function createEventSender(window: () => BrowserWindow | undefined): EventSink {
  return (name, payload) => {
    const contents = window()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  };
}
