import type { CliIo } from './cli-io.js';
import type { OptionSpec, ParsedArgs } from './parse-command-args.js';

/** What a command's `run` gets: its parsed arguments, its usage line for errors, and the I/O. */
export interface CommandContext extends ParsedArgs {
  io: CliIo;
  usage: string;
}

/** One `coffer <name>` command. Every command also takes the vault location options. */
export interface Command {
  name: string;
  /** One line for the command list in `coffer --help`. */
  summary: string;
  /** The usage line, e.g. `coffer cat <id|name> [--range START-END]`. */
  usage: string;
  /** The body of `coffer <name> --help`: what it does and its own options. */
  help: string;
  /** Its own options, beyond the vault location options and --help. */
  options?: Record<string, OptionSpec>;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  /**
   * True when `run` honours `io.signal`: on Ctrl-C it stops, cleans up and only then settles. Any
   * other command is abandoned mid-way, which is safe because each of its writes is atomic.
   */
  cancellable?: boolean;
  /** Resolves with the exit code; throws CofferErrors for the entry point to report. */
  run(ctx: CommandContext): Promise<number>;
}
