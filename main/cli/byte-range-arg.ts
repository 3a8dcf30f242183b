import { UsageError } from './usage-error.js';

/** A plaintext byte range from `--range START-END`: both ends inclusive, `end` open when absent. */
export interface ByteRangeArg {
  start: number;
  end?: number;
}

const RANGE = /^(\d+)-(\d*)$/;

/** Parses `START-END` or `START-` (to the end), as in an HTTP Range header but without `bytes=`. */
export function parseByteRange(text: string, usage: string): ByteRangeArg {
  const match = RANGE.exec(text);
  const start = Number(match?.[1]);
  const end = match?.[2] ? Number(match[2]) : undefined;
  if (!match || !Number.isSafeInteger(start) || (end !== undefined && !Number.isSafeInteger(end))) {
    throw new UsageError(`invalid --range "${text}": use START-END or START- (byte offsets, END inclusive)`, usage);
  }
  if (end !== undefined && end < start) throw new UsageError(`invalid --range "${text}": END is before START`, usage);
  return { start, end };
}
