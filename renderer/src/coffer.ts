/**
 * The one place that talks to main. Every request goes through `coffer.<name>(…)`, which returns the
 * value or throws a CallError carrying the contract's error code; every event through
 * `useCofferEvent`. Screens never touch `window.coffer` themselves (lint enforces it), so what the
 * page can ask of main is visible here at a glance.
 */
import { useEffect, useRef } from 'react';
import type { CofferApi, SubscriptionName } from '../../contract/api.js';
import { callNames, type EventName } from '../../contract/channels.js';
import type { IpcError, IpcResult } from '../../contract/errors.js';
import type { EventPayload } from '../../contract/ipc.js';

/** A failed request: the stable code screens branch on, and main's detail. */
export class CallError extends Error {
  readonly code: IpcError['code'];
  readonly detail: string;
  constructor(error: IpcError) {
    super(`${error.code}: ${error.message}`);
    this.code = error.code;
    this.detail = error.message;
  }
}

type Requests = {
  [K in keyof CofferApi as K extends `on${string}` ? never : K]: CofferApi[K] extends (...args: infer A) => Promise<IpcResult<infer T>>
    ? (...args: A) => Promise<T>
    : never;
};

async function unwrap<T>(request: Promise<IpcResult<T>>): Promise<T> {
  const result = await request;
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

type AnyRequest = (...args: unknown[]) => Promise<IpcResult<unknown>>;

/** Every request of the contract, answering with its value or throwing a CallError. */
export const coffer = Object.freeze(
  Object.fromEntries(
    callNames.map((name) => [name, (...args: unknown[]) => unwrap((window.coffer[name] as AnyRequest)(...args))]),
  ),
) as Requests;

/** Listens to one of main's events while the component is mounted; the latest listener is always used. */
export function useCofferEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const subscribe = window.coffer[`on${name[0]!.toUpperCase()}${name.slice(1)}` as SubscriptionName<K>] as (
      listener: (payload: EventPayload<K>) => void,
    ) => () => void;
    return subscribe((payload) => latest.current(payload));
  }, [name]);
}
