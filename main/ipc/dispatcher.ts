import { z } from 'zod';
import type { CallName } from '../../contract/channels.js';
import type { IpcResult } from '../../contract/errors.js';
import { calls, type CallInput, type CallOutput } from '../../contract/ipc.js';
import type { Sender } from './sender-policy.js';
import { clip, toIpcError } from './to-ipc-error.js';

/** One plain async function per request, over parsed arguments. */
export type Handlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

export interface DispatcherOptions {
  handlers: Handlers;
  /** Decides whether the frame that sent a request may make it (see sender-policy.ts). */
  isTrusted: (sender: Sender) => boolean;
  /** Receives unexpected errors, which the renderer sees only as INTERNAL. */
  log: (error: unknown) => void;
  /** Called before every accepted request; the session uses it to measure idleness. */
  onActivity?: () => void;
}

/** Handles one request: the call's name, who sent it, and the arguments as received. */
export type Dispatch = (name: CallName, sender: Sender, args: readonly unknown[]) => Promise<IpcResult<unknown>>;

/**
 * The generic request path, Electron-free: check the sender, parse the single argument with the
 * contract's schema, run the handler, parse its result, and return a result value. Nothing reaches
 * a handler unless the sender is trusted and the argument parses.
 */
export function createDispatcher({ handlers, isTrusted, log, onActivity }: DispatcherOptions): Dispatch {
  return async (name, sender, args) => {
    if (!isTrusted(sender)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'request refused: unknown sender' } };
    }
    if (!Object.hasOwn(calls, name)) return invalid(`unknown request ${String(name)}`);
    const contract = calls[name];
    if (args.length > 1) return invalid('requests take a single argument');
    const input = contract.input.safeParse(args[0]);
    if (!input.success) return invalid(z.prettifyError(input.error));
    onActivity?.();
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const value: unknown = contract.output.parse(await handler(input.data));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toIpcError(error, log) };
    }
  };
}

function invalid(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message: clip(message) } };
}
