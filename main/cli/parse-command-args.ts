import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** One option of a command: `--name VALUE` or a `--name` flag. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** The value of a string option, undefined when absent. */
  string(name: string): string | undefined;
  /** Whether a boolean option was given. */
  flag(name: string): boolean;
}

/**
 * Parses a command's arguments with node:util's parseArgs. It runs non-strict and checks the tokens
 * itself, so a mistake is reported as one short line (`unknown option --jsn`) with the command's usage
 * instead of parseArgs' longer messages. As in strict mode, a string option does not swallow a
 * following option as its value: `--vault --json` is refused, `--vault=--json` is accepted.
 */
export function parseCommandArgs(args: string[], options: Record<string, OptionSpec>, usage: string): ParsedArgs {
  const { values, positionals, tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) throw new UsageError(`unknown option ${token.rawName}`, usage);
    if (spec.type === 'boolean' && token.value !== undefined) throw new UsageError(`option ${token.rawName} takes no value`, usage);
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`option ${token.rawName} needs a value`, usage);
    }
  }
  return {
    positionals,
    string: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    flag: (name) => values[name] === true,
  };
}
