/**
 * Runs in the page, before the renderer's scripts (bundled by page-bridge.ts into an init script):
 * the stand-in for preload/index.ts. It builds `window.coffer` with the contract's own buildApi over
 * a transport whose invoke crosses to Node through a Playwright binding, into the real dispatcher.
 * Events main emits arrive through the hook's emit() and reach the listeners buildApi registered.
 *
 * One difference from Electron: media URLs. Chromium cannot load vault:, so mediaUrl answers are
 * rewritten from `vault://media/<token>` to the same token under the page's own http origin, where
 * the host serves it with the real media handler (see app-host.ts).
 */
import { buildApi, type ApiTransport } from '../../../contract/api.js';
import { callChannel } from '../../../contract/channels.js';
import { BRIDGE, MEDIA_PATH } from './bridge-names.js';

type Listener = (event: unknown, payload: unknown) => void;

const scope = globalThis as unknown as Record<string, unknown>;
const invoke = scope[BRIDGE.invoke] as (channel: string, input: unknown) => Promise<unknown>;
const report = scope[BRIDGE.report] as (kind: string, text: string) => Promise<void>;
delete scope[BRIDGE.invoke];
delete scope[BRIDGE.report];

const listeners = new Map<string, Set<Listener>>();
/** Files the host "dropped", with the path Electron's webUtils.getPathForFile would give. */
const droppedPaths = new WeakMap<File, string>();
/**
 * Where the page was loaded, before any client-side navigation: media URLs hang off it. None in a
 * document that is no page of the host (about:srcdoc, data:), which can make no request anyway.
 */
const pageBase = /^https?:$/.test(location.protocol) ? new URL('./', location.href) : undefined;
const VAULT_MEDIA = /^vault:\/\/media\/([A-Za-z0-9_-]+)$/;

/** `vault://media/<token>` as the host serves it. */
function servedMediaUrl(url: string): string {
  const token = VAULT_MEDIA.exec(url)?.[1];
  return token === undefined || !pageBase ? url : new URL(`${MEDIA_PATH}${token}`, pageBase).href;
}

const transport: ApiTransport = {
  async invoke(channel, input) {
    const result = (await invoke(channel, input)) as { ok: boolean; value?: { url?: unknown } };
    if (channel === callChannel('mediaUrl') && result.ok && typeof result.value?.url === 'string') {
      return { ...result, value: { ...result.value, url: servedMediaUrl(result.value.url) } };
    }
    return result;
  },
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
  },
  off(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
  pathForFile: (file) => droppedPaths.get(file) ?? '',
};

// contextBridge defines its globals read-only; so does this.
Object.defineProperty(window, 'coffer', { value: buildApi(transport), enumerable: true });

Object.defineProperty(window, BRIDGE.hook, {
  value: Object.freeze({
    /** Delivers one event from main, as ipcRenderer would (the event object first). */
    emit(channel: string, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, payload);
    },
    /** A DataTransfer of empty Files standing for the given paths, as a drop from the desktop carries. */
    droppedFiles(files: { path: string; name: string; type: string }[]): DataTransfer {
      const transfer = new DataTransfer();
      for (const { path, name, type } of files) {
        const file = new File([], name, { type });
        droppedPaths.set(file, path);
        transfer.items.add(file);
      }
      return transfer;
    },
  }),
});

document.addEventListener('securitypolicyviolation', (event) => {
  void report('csp', `${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile || 'page'}:${event.lineNumber})`);
});
