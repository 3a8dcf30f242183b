import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { EventPayload, ImportJob, ImportState } from '../../contract/ipc.js';
import { NotFoundError } from '../errors.js';
import type { ImportProgress } from '../pipeline/import-options.js';
import type { ItemSummary } from '../catalog/item-summary.js';
import type { EventSink } from './events.js';
import type { AppSession } from './app-session.js';
import { toIpcError } from './to-ipc-error.js';

interface Job extends ImportJob {
  controller: AbortController;
  state: ImportState;
  progress: Pick<ImportProgress, 'bytesRead' | 'total' | 'rate' | 'etaSeconds'>;
}

export interface ImportQueueOptions {
  session: AppSession;
  emit: EventSink;
  log: (error: unknown) => void;
  /** Least time between two progress events of one file; the first and last always go out. */
  progressIntervalMs?: number;
  now?: () => number;
}

/**
 * Imports files one at a time (they compete for the same disk and uplink, so running them in
 * parallel would only make every ETA worse), each with its own AbortController. Every change of a
 * job's state, and its progress at most every `progressIntervalMs`, goes out as importProgress.
 * Locking the vault cancels everything queued or running.
 */
export class ImportQueue {
  readonly #jobs = new Map<string, Job>();
  readonly #pending: Job[] = [];
  readonly #session: AppSession;
  readonly #emit: EventSink;
  readonly #log: (error: unknown) => void;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  #running = false;

  constructor({ session, emit, log, progressIntervalMs = 250, now = Date.now }: ImportQueueOptions) {
    this.#session = session;
    this.#emit = emit;
    this.#log = log;
    this.#progressIntervalMs = progressIntervalMs;
    this.#now = now;
    session.onLock(() => this.#cancelAll());
  }

  /** Queues the files; the vault must be unlocked. Jobs are reported in the order given. */
  enqueue(paths: readonly string[]): ImportJob[] {
    this.#session.vault();
    const jobs = paths.map((path): Job => ({
      jobId: randomUUID(),
      path,
      name: basename(path),
      controller: new AbortController(),
      state: 'queued',
      progress: { bytesRead: 0, total: 0, rate: 0, etaSeconds: undefined },
    }));
    for (const job of jobs) {
      this.#jobs.set(job.jobId, job);
      this.#pending.push(job);
      this.#report(job);
    }
    void this.#drain();
    return jobs.map(({ jobId, path, name }) => ({ jobId, path, name }));
  }

  /** Cancels a queued or running job; NOT_FOUND once it has finished. */
  cancel(jobId: string): void {
    const job = this.#jobs.get(jobId);
    if (!job) throw new NotFoundError(`import ${jobId}`);
    job.controller.abort();
    if (job.state === 'queued') this.#finish(job, 'cancelled');
  }

  #cancelAll(): void {
    for (const job of [...this.#jobs.values()]) this.cancel(job.jobId);
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let job = this.#pending.shift(); job; job = this.#pending.shift()) {
        if (job.state === 'queued') await this.#run(job);
      }
    } finally {
      this.#running = false;
    }
  }

  async #run(job: Job): Promise<void> {
    const session = this.#session;
    job.state = 'running';
    this.#report(job);
    let lastReport = this.#now();
    try {
      const vault = session.vault();
      const signal = AbortSignal.any([job.controller.signal, session.signal]);
      const item = await session.busy(() =>
        vault.importFile(job.path, {
          signal,
          onProgress: (progress) => {
            job.progress = progress;
            if (this.#now() - lastReport < this.#progressIntervalMs) return;
            lastReport = this.#now();
            this.#report(job);
          },
        }),
      );
      job.progress = { ...job.progress, bytesRead: item.size, total: item.size, etaSeconds: 0 };
      this.#finish(job, 'done', item);
      this.#emit('catalogChanged', { reason: 'import' });
    } catch (error) {
      if (job.controller.signal.aborted) this.#finish(job, 'cancelled');
      else this.#finish(job, 'failed', undefined, error);
    }
  }

  #finish(job: Job, state: ImportState, item?: ItemSummary, error?: unknown): void {
    job.state = state;
    this.#jobs.delete(job.jobId);
    this.#report(job, item, error);
  }

  #report(job: Job, item?: ItemSummary, error?: unknown): void {
    const payload: EventPayload<'importProgress'> = {
      jobId: job.jobId,
      name: job.name,
      state: job.state,
      bytesRead: job.progress.bytesRead,
      total: job.progress.total,
      rate: job.progress.rate,
      etaSeconds: job.progress.etaSeconds ?? null,
      item: item ?? null,
      error: error === undefined ? null : toIpcError(error, this.#log),
    };
    this.#emit('importProgress', payload);
  }
}
