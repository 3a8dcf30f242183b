import { CofferError } from '../errors.js';
import { assertStrongPassphrase } from '../keys/passphrase-rule.js';
import type { CliIo } from './cli-io.js';
import { readSecret } from './secret-prompt.js';

export interface PassphraseRequest {
  /** The environment variable that supplies it to scripts. */
  envVar: 'COFFER_PASSPHRASE' | 'COFFER_NEW_PASSPHRASE';
  prompt: string;
  /**
   * For a passphrase being set: check it against the passphrase rule, then ask again and insist on
   * the same answer, since a typo locks you out. A weak one is refused before the second prompt.
   */
  confirm?: boolean;
}

/**
 * A passphrase from `envVar`, else typed at the terminal without echo. With neither a terminal on
 * stdin nor the variable, fails at once: waiting on a pipe that will never bring one would hang.
 */
export async function askPassphrase(io: CliIo, request: PassphraseRequest): Promise<string> {
  const fromEnv = io.env[request.envVar];
  if (fromEnv !== undefined) return fromEnv;
  const { stdin, stderr } = io;
  if (!willPrompt(io, request.envVar)) {
    throw new CofferError('INVALID_ARGUMENT', `no passphrase: stdin is not a terminal to ask on, and ${request.envVar} is not set`);
  }
  const terminal = stdin as typeof stdin & { setRawMode(mode: boolean): unknown };
  const first = await readSecret(terminal, stderr, request.prompt);
  if (!request.confirm) return first;
  await assertStrongPassphrase(first);
  const second = await readSecret(terminal, stderr, 'Repeat to confirm: ');
  if (first !== second) throw new CofferError('INVALID_ARGUMENT', 'the passphrases do not match');
  return first;
}

/** Whether askPassphrase will ask on the terminal, rather than take the variable or fail. */
export function willPrompt(io: CliIo, envVar: PassphraseRequest['envVar']): boolean {
  return io.env[envVar] === undefined && io.stdin.isTTY === true && io.stdin.setRawMode !== undefined;
}
