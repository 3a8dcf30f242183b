import type { IpcError, IpcErrorCode } from '../../contract/errors.js';
import { CofferError, isAbort, type ErrorCode } from '../errors.js';

// Compile-time guard: every code the core can throw must be one the renderer knows how to show.
// Adding a code to main/errors.ts without adding it to contract/errors.ts fails typecheck here.
const everyCoreCodeCrosses: ErrorCode extends IpcErrorCode ? true : never = true;
void everyCoreCodeCrosses;

/** Longest message sent to the renderer; longer ones are cut so errors cannot carry bulk data. */
const MAX_MESSAGE = 500;

/**
 * Turns anything thrown by a handler into an IPC error value. CofferErrors keep their code and
 * message; aborts become ABORTED; anything else is a bug, reported as INTERNAL without details
 * (which may name paths or secrets) — `log` receives the original.
 */
export function toIpcError(error: unknown, log: (error: unknown) => void): IpcError {
  if (error instanceof CofferError) return { code: error.code, message: clip(error.message) };
  if (isAbort(error)) return { code: 'ABORTED', message: 'operation was cancelled' };
  log(error);
  return { code: 'INTERNAL', message: 'unexpected error; see the log for details' };
}

/** Clips a message to what the renderer is allowed to receive. */
export function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}
