import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EventPayload, ImportJob, ImportState } from '../../contract/ipc.js';
import { CofferError, NotFoundError } from '../errors.js';
import type { ImportProgress } from '../pipeline/import-options.js';
import { walkFolder, type SkippedEntry } from '../pipeline/walk-folder.js';
import type { ItemSummary } from '../catalog/item-summary.js';
import type { EventSink } from './events.js';
import type { AppSession } from './app-session.js';
import { toIpcError } from './to-ipc-error.js';

/** Failed and cancelled jobs remembered for a retry; older ones are forgotten. */
const REMEMBERED = 1000;

/** What a job imports: a file, the folder to list it in, and whether a folder walk found it. */
interface Source {
  path: string;
  name: string;
  folder: string;
  /** Found by walking a folder: a symbolic link there is refused, even one that appeared since. */
  walked: boolean;
  /** A folder the walk left out (unreadable, or a name no item folder can have): never retried as a file. */
  skippedFolder?: boolean;
}

interface Job extends ImportJob {
  source: Source;
  controller: AbortController;
  state: ImportState;
  progress: Pick<ImportProgress, 'bytesRead' | 'total' | 'rate' | 'etaSeconds'>;
}

export interface ImportQueueOptions {
  session: AppSession;
  emit: EventSink;
  log: (error: unknown) => void;
  /** How many files import at once, read whenever a job could start (the user's setting); 1 if absent. */
  parallel?: () => number;
  /** Least time between two progress events of one file; the first and last always go out. */
  progressIntervalMs?: number;
  now?: () => number;
}

/**
 * Imports files, `parallel()` at a time (they compete for the same disk and uplink, so more at once
 * mostly makes every ETA worse; the user chooses), each with its own AbortController. A dropped
 * folder is walked first ([Note: Folder walk]); what the walk left out is reported as jobs that fail
 * at once, with the reason. Every change of a job's state, and its progress at most every
 * `progressIntervalMs`, goes out as importProgress. A job ends cancelled only when it was cancelled
 * or the vault locked; any other failure, the storage's included, ends it failed with its code.
 * Failed and cancelled jobs are remembered (the last REMEMBERED), so they can be retried.
 */
export class ImportQueue {
  readonly #jobs = new Map<string, Job>();
  readonly #pending: Job[] = [];
  readonly #ended = new Map<string, Source>();
  readonly #session: AppSession;
  readonly #emit: EventSink;
  readonly #log: (error: unknown) => void;
  readonly #parallel: () => number;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  #running = 0;

  constructor({ session, emit, log, parallel = () => 1, progressIntervalMs = 250, now = Date.now }: ImportQueueOptions) {
    this.#session = session;
    this.#emit = emit;
    this.#log = log;
    this.#parallel = parallel;
    this.#progressIntervalMs = progressIntervalMs;
    this.#now = now;
    session.onLock(() => this.cancelAll());
  }

  /**
   * Queues files, and every file in the folders among `paths`; the vault must be unlocked. Jobs are
   * reported in the order given, a folder's in the walk's order, what it left out first. Too many
   * files in the folders (see walkFolder) queue nothing.
   */
  async enqueue(paths: readonly string[]): Promise<ImportJob[]> {
    this.#session.vault();
    const sources: Source[] = [];
    const skipped: SkippedEntry[][] = [];
    let counted = 0;
    for (const path of paths) {
      if (!(await isFolder(path))) {
        sources.push({ path, name: basename(path), folder: '', walked: false });
        counted += 1;
        continue;
      }
      const walk = await walkFolder(path, { counted });
      counted += walk.files.length + walk.skipped.length;
      skipped.push(walk.skipped);
      sources.push(...walk.files.map((file) => ({ ...file, walked: true })));
    }
    // The walk took a while: queue nothing into a vault that locked meanwhile.
    this.#session.vault();
    const jobs = [
      ...skipped.flat().map((entry) => this.#reportSkipped(entry)),
      ...sources.map((source) => this.#queue(source)),
    ];
    this.#drain();
    return jobs.map(view);
  }

  /** Cancels a queued or running job; NOT_FOUND once it has finished. */
  cancel(jobId: string): void {
    const job = this.#jobs.get(jobId);
    if (!job) throw new NotFoundError(`import ${jobId}`);
    job.controller.abort();
    if (job.state === 'queued') this.#finish(job, 'cancelled');
  }

  /** Cancels every queued and running job. */
  cancelAll(): void {
    for (const job of [...this.#jobs.values()]) this.cancel(job.jobId);
  }

  /**
   * Queues a failed or cancelled job again, as a new job, into the vault open now (a job a lock
   * cancelled can be retried after the next unlock); NOT_FOUND once it is forgotten or retried.
   */
  retry(jobId: string): ImportJob {
    const source = this.#ended.get(jobId);
    if (!source) throw new NotFoundError(`a failed or cancelled import ${jobId}`);
    if (source.skippedFolder) {
      throw new CofferError('INVALID_ARGUMENT', `${source.path} is a folder that was left out of an import: add it again to import what it holds`);
    }
    this.#session.vault();
    this.#ended.delete(jobId);
    const job = this.#queue(source);
    this.#drain();
    return view(job);
  }

  #queue(source: Source): Job {
    const job = newJob(source);
    this.#jobs.set(job.jobId, job);
    this.#pending.push(job);
    this.#report(job);
    return job;
  }

  #reportSkipped({ error, kind, ...entry }: SkippedEntry): Job {
    const job = newJob({ ...entry, walked: true, ...(kind === 'folder' && { skippedFolder: true }) });
    this.#finish(job, 'failed', undefined, error);
    return job;
  }

  /** Starts queued jobs while fewer than `parallel()` run. */
  #drain(): void {
    const wanted = this.#parallel();
    const limit = Number.isInteger(wanted) && wanted > 0 ? wanted : 1;
    while (this.#running < limit) {
      const job = this.#pending.shift();
      if (!job) return;
      if (job.state !== 'queued') continue;
      this.#running++;
      void this.#run(job).finally(() => {
        this.#running--;
        this.#drain();
      });
    }
  }

  async #run(job: Job): Promise<void> {
    const session = this.#session;
    job.state = 'encrypting';
    this.#report(job);
    let lastReport = this.#now();
    const signal = AbortSignal.any([job.controller.signal, session.signal]);
    try {
      const vault = session.vault();
      const { path, folder, walked } = job.source;
      const item = await session.busy(() =>
        vault.importFile(path, {
          signal,
          folder,
          refuseLink: walked,
          onProgress: (progress) => {
            job.progress = progress;
            // Every byte read and sealed: what is left is the upload's tail and the commit.
            const uploading = job.state === 'encrypting' && progress.bytesRead >= progress.total;
            if (uploading) job.state = 'uploading';
            if (!uploading && this.#now() - lastReport < this.#progressIntervalMs) return;
            lastReport = this.#now();
            this.#report(job);
          },
        }),
      );
      job.progress = { ...job.progress, bytesRead: item.size, total: item.size, etaSeconds: 0 };
      this.#finish(job, 'done', item);
      this.#emit('catalogChanged', { reason: 'import' });
    } catch (error) {
      if (signal.aborted) this.#finish(job, 'cancelled');
      else this.#finish(job, 'failed', undefined, error);
    }
  }

  #finish(job: Job, state: ImportState, item?: ItemSummary, error?: unknown): void {
    job.state = state;
    this.#jobs.delete(job.jobId);
    if (state !== 'done') this.#remember(job);
    this.#report(job, item, error);
  }

  #remember(job: Job): void {
    this.#ended.set(job.jobId, job.source);
    if (this.#ended.size > REMEMBERED) this.#ended.delete(this.#ended.keys().next().value!);
  }

  #report(job: Job, item?: ItemSummary, error?: unknown): void {
    const payload: EventPayload<'importProgress'> = {
      jobId: job.jobId,
      name: job.name,
      folder: job.folder,
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

function newJob(source: Source): Job {
  return {
    jobId: randomUUID(),
    path: source.path,
    name: source.name,
    folder: source.folder,
    source,
    controller: new AbortController(),
    state: 'queued',
    progress: { bytesRead: 0, total: 0, rate: 0, etaSeconds: undefined },
  };
}

function view({ jobId, path, name, folder }: Job): ImportJob {
  return { jobId, path, name, folder };
}

/** Whether `path` is a folder, following a link: the user named it. Anything else is left to the import to judge. */
async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
