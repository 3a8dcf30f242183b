import { CofferError } from '../errors.js';

/** The command line itself is wrong: printed with the command's usage line, exit code 2. */
export class UsageError extends CofferError {
  constructor(
    message: string,
    /** The usage line to show, without the leading `usage: `. */
    readonly usage?: string,
  ) {
    super('INVALID_ARGUMENT', message);
  }
}
