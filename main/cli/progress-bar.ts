import type { ImportProgress } from '../pipeline/import-options.js';
import type { CliOutput } from './cli-io.js';
import { formatBytes, formatDuration, formatRate } from './human-format.js';

const CLEAR_LINE = '\r\u001b[K';
const DEFAULT_COLUMNS = 80;
const BAR_WIDTH = 20;

/**
 * One file's progress on one terminal line, redrawn in place:
 * `holiday.mp4  [########------------]  42%  1.2 GB / 2.9 GB  85 MB/s  ETA 0:20`.
 * The name is shortened to keep the line within the terminal's width, because a line that wraps
 * cannot be redrawn with a carriage return.
 */
export class ProgressBar {
  private last: ImportProgress | undefined;

  constructor(
    private readonly out: CliOutput,
    private readonly name: string,
  ) {}

  update(progress: ImportProgress): void {
    this.last = progress;
    this.out.write(CLEAR_LINE + this.line(progress));
  }

  /** Leaves the last state on its line and moves to the next, for the next file or an error. */
  end(): void {
    if (this.last) this.out.write('\n');
  }

  private line(p: ImportProgress): string {
    const fraction = p.total === 0 ? 1 : Math.min(1, p.bytesRead / p.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    const stats = [
      `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
      `${String(Math.floor(fraction * 100)).padStart(3)}%`,
      `${formatBytes(p.bytesRead)} / ${formatBytes(p.total)}`,
      formatRate(p.rate),
      `ETA ${formatDuration(p.etaSeconds)}`,
    ].join('  ');
    const room = (this.out.columns || DEFAULT_COLUMNS) - 1 - stats.length - 2;
    return `${shorten(this.name, Math.max(room, 8))}  ${stats}`;
  }
}

function shorten(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}
