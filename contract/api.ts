/**
 * The API the preload exposes as `window.coffer`, generated from the contract's names: one function
 * per request and one `on<Event>` subscription per event. There is no generic invoke, no way to
 * reach a channel the contract does not list, and no request that takes a path from the page:
 * `importDropped` takes the File objects of a drop, which the preload turns into paths itself.
 *
 * This module has no runtime dependency on zod (its imports of ipc.ts are types only), so the
 * sandboxed preload bundles it cheaply.
 */
import type { z } from 'zod';
import { callChannel, callNames, eventChannel, eventNames, type CallName, type EventName } from './channels.js';
import type { IpcResult } from './errors.js';
import type { CallOutput, EventPayload, calls } from './ipc.js';

type Input<K extends CallName> = z.input<(typeof calls)[K]['input']>;

/** A request function: no parameter when the request takes no argument. */
type CallFunction<K extends CallName> = [Input<K>] extends [undefined]
  ? () => Promise<IpcResult<CallOutput<K>>>
  : (input: Input<K>) => Promise<IpcResult<CallOutput<K>>>;

/** `importProgress` → `onImportProgress`. */
export type SubscriptionName<K extends EventName> = `on${Capitalize<K>}`;

/** Subscribes to an event; the listener sees only the payload. Returns the unsubscribe function. */
type Subscription<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;

/** The one request whose page-side argument differs from what crosses the channel. */
type DroppedFilesCall = 'importDropped';

export type CofferApi = { readonly [K in Exclude<CallName, DroppedFilesCall>]: CallFunction<K> } & {
  readonly [K in EventName as SubscriptionName<K>]: Subscription<K>;
} & {
  /**
   * Imports files the user dropped on the window. Only Files backed by a file on disk count (those
   * of a drop or a file input); a File the page made itself has no path and is refused.
   */
  readonly importDropped: (files: readonly File[]) => Promise<IpcResult<CallOutput<DroppedFilesCall>>>;
};

/** The raw transport the preload hands in; `listener` receives Electron's event object first. */
export interface ApiTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  off(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  /** The file-system path of a File ('' for one not backed by a file on disk, e.g. made by the page). */
  pathForFile(file: File): string;
}

/** The event's subscription function name. */
export function subscriptionName<K extends EventName>(name: K): SubscriptionName<K> {
  return `on${name[0]!.toUpperCase()}${name.slice(1)}` as SubscriptionName<K>;
}

/**
 * Builds the API over a transport. Requests forward exactly one argument, whatever the page passes;
 * event listeners are wrapped so Electron's event object (and its `sender`) never reaches the page.
 */
export function buildApi(transport: ApiTransport): CofferApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    const channel = callChannel(name);
    api[name] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const name of eventNames) {
    const channel = eventChannel(name);
    api[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      transport.on(channel, wrapped);
      return () => transport.off(channel, wrapped);
    };
  }
  api.importDropped = async (files: readonly File[]) => {
    const paths = droppedPaths(files, transport);
    if (typeof paths === 'string') return { ok: false, error: { code: 'INVALID_ARGUMENT', message: paths } };
    return transport.invoke(callChannel('importDropped'), { paths });
  };
  return Object.freeze(api) as CofferApi;
}

/** The paths behind dropped Files, or why they cannot be imported. */
function droppedPaths(files: readonly File[], transport: ApiTransport): string[] | string {
  if (!Array.isArray(files) || files.length === 0) return 'drop at least one file';
  const paths: string[] = [];
  for (const file of files) {
    let path = '';
    try {
      path = transport.pathForFile(file);
    } catch {
      // Electron throws for anything that is not a File; it is refused below like a pathless one.
    }
    if (typeof path !== 'string' || path === '') return 'only files dropped from this computer can be imported';
    paths.push(path);
  }
  return paths;
}
