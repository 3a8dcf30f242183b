import type { Readable, Writable } from 'node:stream';

/** process.stdin, or a stand-in: raw mode exists only on a terminal. */
export interface CliInput extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** process.stdout or process.stderr, or a stand-in. */
export interface CliOutput extends Writable {
  isTTY?: boolean;
  columns?: number;
}

/**
 * What a command may touch outside the vault. Only the entry point (coffer.ts) names `process`, so
 * every command states what it reads and where it writes.
 */
export interface CliIo {
  stdin: CliInput;
  /** Data only (ids, listings, plaintext), so output stays scriptable. */
  stdout: CliOutput;
  /** Progress, prompts, notices and errors. */
  stderr: CliOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Fires on Ctrl-C or SIGTERM. */
  signal: AbortSignal;
}
