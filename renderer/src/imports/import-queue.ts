/**
 * The import queue as an external store, apart from React state: main's importProgress events land
 * here, and only the components that subscribe (the queue panel) re-render, once per animation
 * frame however many events arrived. The library never subscribes, so a 10 GB import does not
 * re-render thousands of tiles at every progress tick.
 */
import type { EventPayload, ImportJob, ImportState } from '../../../contract/ipc.js';

export type Progress = EventPayload<'importProgress'>;
export type QueueEntry = Omit<Progress, 'item'>;

const ACTIVE: ReadonlySet<ImportState> = new Set(['queued', 'encrypting', 'uploading']);
/** Still to happen or happening: it can be cancelled. */
export const isActive = (entry: QueueEntry) => ACTIVE.has(entry.state);
/** Over without a new item: it can be tried again. */
export const canRetry = (entry: QueueEntry) => entry.state === 'failed' || entry.state === 'cancelled';

export class ImportQueue {
  private readonly entries = new Map<string, QueueEntry>();
  private snapshot: readonly QueueEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private frame: number | null = null;

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same array until something changed, as useSyncExternalStore requires. */
  readonly getSnapshot = (): readonly QueueEntry[] => this.snapshot;

  /** Jobs main just queued, as it answered addFiles, addFolder or importDropped. */
  readonly enqueue = (jobs: readonly ImportJob[]): void => {
    for (const { jobId, name, folder } of jobs) {
      if (!this.entries.has(jobId)) this.entries.set(jobId, { jobId, name, folder, state: 'queued', bytesRead: 0, total: 0, rate: 0, etaSeconds: null, error: null });
    }
    this.changed();
  };

  /** One of main's importProgress events; a job this page did not queue (another window's) joins the list. */
  readonly apply = ({ item: _item, ...entry }: Progress): void => {
    this.entries.set(entry.jobId, entry);
    this.changed();
  };

  /** A retried job takes the place of the one it retries. */
  readonly replace = (oldJobId: string, job: ImportJob): void => {
    const entries = [...this.entries];
    this.entries.clear();
    for (const [id, entry] of entries) {
      if (id === oldJobId) this.entries.set(job.jobId, { ...entry, jobId: job.jobId, name: job.name, folder: job.folder, state: 'queued', bytesRead: 0, rate: 0, etaSeconds: null, error: null });
      else this.entries.set(id, entry);
    }
    this.changed();
  };

  /** Forgets every job that is over: done, failed or cancelled. */
  readonly clearFinished = (): void => {
    for (const [id, entry] of this.entries) if (!isActive(entry)) this.entries.delete(id);
    this.changed();
  };

  private changed(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.snapshot = [...this.entries.values()];
      for (const listener of this.listeners) listener();
    });
  }
}

export interface QueueTotals {
  /** Files that finished as new items. */
  done: number;
  /** Files counted in the total: every one not cancelled. */
  files: number;
  active: number;
  failed: number;
  bytesRead: number;
  bytes: number;
  /** Bytes per second of every file being read now. */
  rate: number;
  /** Null while nothing is moving. */
  etaSeconds: number | null;
}

/** The queue's total line. Cancelled files leave the count; failed ones keep their place but not their bytes. */
export function queueTotals(entries: readonly QueueEntry[]): QueueTotals {
  const totals: QueueTotals = { done: 0, files: 0, active: 0, failed: 0, bytesRead: 0, bytes: 0, rate: 0, etaSeconds: null };
  for (const entry of entries) {
    if (entry.state === 'cancelled') continue;
    totals.files++;
    if (entry.state === 'failed') {
      totals.failed++;
      continue;
    }
    if (entry.state === 'done') totals.done++;
    else totals.active++;
    if (entry.state === 'encrypting' || entry.state === 'uploading') totals.rate += entry.rate;
    totals.bytes += entry.total;
    totals.bytesRead += entry.state === 'done' ? entry.total : Math.min(entry.bytesRead, entry.total);
  }
  const remaining = totals.bytes - totals.bytesRead;
  if (totals.active > 0 && totals.rate > 0) totals.etaSeconds = remaining / totals.rate;
  return totals;
}
