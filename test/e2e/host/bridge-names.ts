/**
 * The globals that join the page-side transport (page-transport.ts) to the host in Node
 * (page-bridge.ts). Only the page hook stays on the page's window: the transport takes the bindings
 * into its closure and deletes them, so the page's own scripts see `window.coffer` and nothing else
 * of the bridge (as under Electron, where ipcRenderer stays in the preload's world).
 */
export const BRIDGE = {
  /** Node binding: (channel, input) → the dispatcher's IpcResult. */
  invoke: '__cofferHostInvoke',
  /** Node binding: (kind, text), a problem the page saw (a CSP violation). */
  report: '__cofferHostReport',
  /** Page object the host drives with page.evaluate: emit(channel, payload), droppedFiles(...). */
  hook: '__cofferHost',
} as const;

/** The page's path under which the host serves vault:// media: `vault://media/T` → `<page dir>/media/T`. */
export const MEDIA_PATH = 'media/';
