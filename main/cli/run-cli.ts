import { AbortedError, CofferError } from '../errors.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_UNEXPECTED, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { commandHelp, TOOL_USAGE, toolHelp } from './help-text.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';
import { LOCATION_OPTIONS } from './vault-location.js';

const HELP = new Set(['-h', '--help', 'help']);

/**
 * Runs `coffer <argv>` and resolves with the exit code. Every failure ends here: expected ones
 * (CofferErrors) as one line `coffer: <message>` on stderr and the exit code of their error code,
 * anything else with its stack, since that is a bug to report.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(explainSdkError(error), io);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given', TOOL_USAGE);
  if (HELP.has(name)) {
    const about = rest[0] === undefined ? undefined : findCommand(rest[0]);
    io.stdout.write(about ? commandHelp(about) : toolHelp(COMMANDS));
    return 0;
  }
  const command = findCommand(name);
  const usage = command.usage;
  const args = parseCommandArgs(rest, { ...LOCATION_OPTIONS, ...command.options, help: { type: 'boolean', short: 'h' } }, usage);
  if (args.flag('help')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const { min, max } = command.positionals;
  const count = args.positionals.length;
  if (count < min) throw new UsageError(`${name} needs ${min === max ? min : `at least ${min}`} argument${min === 1 ? '' : 's'}`, usage);
  if (count > max) throw new UsageError(max === 0 ? `${name} takes no arguments` : `${name} takes at most ${max} argument${max === 1 ? '' : 's'}`, usage);
  const running = command.run({ ...args, io, usage });
  if (command.cancellable) return running;
  // Settled by the race below when interrupted; its later failure is of no interest.
  running.catch(() => undefined);
  return Promise.race([running, interrupted(io.signal, `coffer ${name}`)]);
}

function interrupted(signal: AbortSignal, what: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = () => reject(new AbortedError(what));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  if (name.startsWith('-')) throw new UsageError(`the command comes first, before ${name}`, TOOL_USAGE);
  throw new UsageError(`unknown command "${name}"`, TOOL_USAGE);
}

function report(error: unknown, io: CliIo): number {
  const write = (line: string) => io.stderr.write(`coffer: ${line}\n`);
  if (error instanceof UsageError) {
    write(error.message);
    if (error.usage) {
      const command = COMMANDS.find((c) => c.usage === error.usage);
      io.stderr.write(`usage: ${error.usage}\nRun 'coffer${command ? ` ${command.name}` : ''} --help' for more.\n`);
    }
    return EXIT_USAGE;
  }
  if (error instanceof CofferError) {
    write(error.message);
    return exitCodeFor(error.code);
  }
  // A system error (EACCES on the config folder, say) explains itself; its stack would only add noise.
  if (error instanceof Error && 'syscall' in error) {
    write(error.message);
    return EXIT_UNEXPECTED;
  }
  write(`unexpected error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT_UNEXPECTED;
}

/**
 * The two S3 setup mistakes the SDK reports before any request, and which the store therefore
 * passes through untranslated: no credentials anywhere in the chain, and no region for AWS.
 */
function explainSdkError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'CredentialsProviderError') {
    return new CofferError('ACCESS_DENIED', `no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (${error.message})`);
  }
  if (error.message === 'Region is missing') {
    return new CofferError('INVALID_ARGUMENT', 'no S3 region: pass --region or set AWS_REGION');
  }
  return error;
}
