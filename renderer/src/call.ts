import type { IpcError, IpcResult } from '../../contract/errors.js';
import { messageFor } from './messages.js';

/** A failed request, carrying the contract's error code so screens can branch on it. */
export class CallError extends Error {
  readonly code: IpcError['code'];
  constructor(error: IpcError) {
    super(messageFor(error));
    this.code = error.code;
  }
}

/** Awaits a request and returns its value, or throws a CallError with a message for people. */
export async function call<T>(request: Promise<IpcResult<T>>): Promise<T> {
  const result = await request;
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

/** The message to show for anything a request threw. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
