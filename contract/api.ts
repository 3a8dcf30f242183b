/**
 * The API the preload exposes as `window.coffer`, generated from the contract's names: one function
 * per request, one `on<Event>` subscription per event, and `pathForFile` for dropped files. There is
 * no generic invoke and no way to reach a channel the contract does not list.
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

export type CofferApi = { readonly [K in CallName]: CallFunction<K> } & {
  readonly [K in EventName as SubscriptionName<K>]: Subscription<K>;
} & {
  /** The file-system path of a dropped File ('' for a File not backed by a file on disk). */
  readonly pathForFile: (file: File) => string;
};

/** The raw transport the preload hands in; `listener` receives Electron's event object first. */
export interface ApiTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  off(channel: string, listener: (event: unknown, payload: unknown) => void): void;
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
  api.pathForFile = (file: File) => transport.pathForFile(file);
  return Object.freeze(api) as CofferApi;
}
