import type { ImportProgress } from './import-options.js';

/** How often progress is reported, at most. */
const INTERVAL_MS = 200;
/** Weight of the newest sample in the smoothed rate (exponential moving average). */
const SMOOTHING = 0.3;

/**
 * Turns byte counts into throttled progress reports with a smoothed rate and an ETA, so a UI or a
 * terminal bar is neither flooded nor jumpy.
 */
export class ProgressMeter {
  private bytesRead = 0;
  private bytesStored = 0;
  private rate = 0;
  private lastAt: number;
  private lastRead = 0;

  constructor(
    private readonly total: number,
    private readonly report: ((progress: ImportProgress) => void) | undefined,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.lastAt = now();
  }

  /** Reports at once when the last byte is read: what remains is the upload's tail, a state of its own. */
  read(bytes: number): void {
    this.bytesRead += bytes;
    this.tick(this.bytesRead >= this.total);
  }

  stored(totalBytes: number): void {
    this.bytesStored = totalBytes;
    this.tick(false);
  }

  /** Reports the final state whatever the throttle says. */
  finish(): void {
    this.tick(true);
  }

  private tick(force: boolean): void {
    if (!this.report) return;
    const at = this.now();
    const elapsed = at - this.lastAt;
    if (!force && elapsed < INTERVAL_MS) return;
    if (elapsed > 0) {
      const sample = ((this.bytesRead - this.lastRead) * 1000) / elapsed;
      this.rate = this.rate === 0 ? sample : SMOOTHING * sample + (1 - SMOOTHING) * this.rate;
    }
    this.lastAt = at;
    this.lastRead = this.bytesRead;
    const left = Math.max(0, this.total - this.bytesRead);
    this.report({
      bytesRead: this.bytesRead,
      bytesStored: this.bytesStored,
      total: this.total,
      rate: this.rate,
      etaSeconds: left === 0 ? 0 : this.rate > 0 ? left / this.rate : undefined,
    });
  }
}
