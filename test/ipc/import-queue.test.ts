import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../contract/channels.js';
import { events, type EventPayload } from '../../contract/ipc.js';
import { AbortedError, CofferError } from '../../main/errors.js';
import { ImportQueue } from '../../main/ipc/import-queue.js';
import { AppSession } from '../../main/ipc/app-session.js';
import type { ImportOptions, ImportProgress } from '../../main/pipeline/import-options.js';
import { MAX_WALK_FILES } from '../../main/pipeline/walk-folder.js';
import type { ItemSummary } from '../../main/catalog/item-summary.js';
import type { Vault } from '../../main/vault/types.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

/**
 * A test double for the one Vault method the queue drives: each importFile waits until the test
 * finishes or fails it (or its signal aborts), so ordering, cancellation and locking are exact.
 */
function scriptedVault() {
  const started: { path: string; options: ImportOptions; finish: (item: ItemSummary) => void; fail: (e: unknown) => void }[] = [];
  const vault = {
    location: '/v',
    lock: vi.fn(),
    importFile: vi.fn(
      (path: string, options: ImportOptions = {}) =>
        new Promise<ItemSummary>((resolve, reject) => {
          options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
          started.push({ path, options, finish: resolve, fail: reject });
        }),
    ),
  } as unknown as Vault;
  return { vault, started };
}

const summary = (name: string, size = 100, folder = ''): ItemSummary => ({
  id: `id-${name}`,
  name,
  size,
  type: 'video/mp4',
  added: '2026-01-01T00:00:00.000Z',
  compressed: false,
  folder,
});

function setup({ now = () => 0, parallel }: { now?: () => number; parallel?: () => number } = {}) {
  const sent: { name: EventName; payload: unknown }[] = [];
  // Every event is checked against the contract, as the renderer will receive it.
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    events[name].parse(payload);
    sent.push({ name, payload });
  };
  const session = new AppSession({ emit });
  const { vault, started } = scriptedVault();
  session.open(vault);
  const queue = new ImportQueue({ session, emit, log: vi.fn(), progressIntervalMs: 100, now, parallel });
  const progressOf = (jobId: string) =>
    sent.filter((e) => e.name === 'importProgress' && (e.payload as { jobId: string }).jobId === jobId).map((e) => e.payload as EventPayload<'importProgress'>);
  const statesOf = (jobId: string) => progressOf(jobId).map((p) => p.state);
  return { session, vault, started, queue, sent, progressOf, statesOf };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('import queue', () => {
  it('imports files one at a time by default, in the order given', async () => {
    const { queue, started } = setup();
    const [a, b] = await queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    expect(a).toEqual({ jobId: expect.any(String), name: 'a.mp4', path: '/media/a.mp4', folder: '' });
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/media/a.mp4']);
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/media/a.mp4', '/media/b.mp4']);
    expect(b!.jobId).not.toBe(a!.jobId);
  });

  it('runs as many files at once as parallel() says, asking it whenever a job could start', async () => {
    let parallel = 2;
    const { queue, started } = setup({ parallel: () => parallel });
    await queue.enqueue(['/m/1', '/m/2', '/m/3', '/m/4', '/m/5', '/m/6']);
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/m/1', '/m/2']);
    parallel = 3;
    started[0]!.finish(summary('1'));
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/m/1', '/m/2', '/m/3', '/m/4']);
    parallel = 1;
    for (const s of started.slice(1, 3)) s.finish(summary(s.path));
    await tick();
    expect(started).toHaveLength(4);
    started[3]!.finish(summary('4'));
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/m/1', '/m/2', '/m/3', '/m/4', '/m/5']);
  });

  it('reports queued, encrypting, then done with the new item, and announces the catalog change', async () => {
    const { queue, started, sent, progressOf, statesOf } = setup();
    const [job] = await queue.enqueue(['/media/a.mp4']);
    await tick();
    started[0]!.finish(summary('a.mp4', 4096));
    await tick();
    expect(statesOf(job!.jobId)).toEqual(['queued', 'encrypting', 'done']);
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ item: summary('a.mp4', 4096), bytesRead: 4096, total: 4096, error: null, folder: '' });
    expect(sent.at(-1)).toEqual({ name: 'catalogChanged', payload: { reason: 'import' } });
  });

  it('sends progress (bytes, rate, ETA) at most once per interval per file, and says uploading the moment every byte is read', async () => {
    let clock = 0;
    const { queue, started, progressOf } = setup({ now: () => clock });
    const [job] = await queue.enqueue(['/media/a.mp4']);
    await tick();
    const report = (bytesRead: number): ImportProgress => ({ bytesRead, bytesStored: bytesRead, total: 1000, rate: 50, etaSeconds: (1000 - bytesRead) / 50 });
    for (const [t, bytes] of [[10, 100], [50, 200], [120, 300], [150, 400], [230, 500], [240, 1000], [250, 1000]] as const) {
      clock = t;
      started[0]!.options.onProgress!(report(bytes));
    }
    const sentProgress = progressOf(job!.jobId).map((p) => [p.state, p.bytesRead]);
    // The 'encrypting' announcement at t=0, one report per 100 ms window, and 'uploading' at once.
    expect(sentProgress).toEqual([['queued', 0], ['encrypting', 0], ['encrypting', 300], ['encrypting', 500], ['uploading', 1000]]);
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ total: 1000, rate: 50, etaSeconds: 0 });
  });

  it('cancels a queued file without ever starting it', async () => {
    const { queue, started, statesOf } = setup();
    const [, second] = await queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    queue.cancel(second!.jobId);
    expect(statesOf(second!.jobId)).toEqual(['queued', 'cancelled']);
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(started).toHaveLength(1);
  });

  it('cancels a running file by aborting its signal', async () => {
    const { queue, started, progressOf } = setup();
    const [job] = await queue.enqueue(['/media/a.mp4']);
    await tick();
    queue.cancel(job!.jobId);
    await tick();
    expect(started[0]!.options.signal!.aborted).toBe(true);
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ state: 'cancelled', error: null });
  });

  it('cancels every running and queued file at once, and takes new ones afterwards', async () => {
    const { queue, started, statesOf } = setup({ parallel: () => 2 });
    const jobs = await queue.enqueue(['/m/1', '/m/2', '/m/3']);
    await tick();
    queue.cancelAll();
    await tick();
    expect(started.map((s) => s.options.signal!.aborted)).toEqual([true, true]);
    for (const job of jobs) expect(statesOf(job.jobId).at(-1)).toBe('cancelled');
    const [later] = await queue.enqueue(['/m/4']);
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/m/1', '/m/2', '/m/4']);
    expect(statesOf(later!.jobId)).toEqual(['queued', 'encrypting']);
  });

  it('answers NOT_FOUND when cancelling a job that has finished', async () => {
    const { queue, started } = setup();
    const [job] = await queue.enqueue(['/media/a.mp4']);
    await tick();
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(() => queue.cancel(job!.jobId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('reports a failed file with its error code and goes on with the next', async () => {
    const { queue, started, progressOf } = setup();
    const [first, second] = await queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    started[0]!.fail(new CofferError('DISK_FULL', 'no space left'));
    await tick();
    expect(progressOf(first!.jobId).at(-1)).toMatchObject({ state: 'failed', error: { code: 'DISK_FULL' } });
    expect(progressOf(second!.jobId).at(-1)).toMatchObject({ state: 'encrypting' });
  });

  it('reports an abort it did not ask for (a failing storage stream) as failed, not cancelled', async () => {
    const { queue, started, progressOf } = setup();
    const [job] = await queue.enqueue(['/media/a.mp4']);
    await tick();
    started[0]!.fail(new AbortedError('put of c/x'));
    await tick();
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ state: 'failed', error: { code: 'ABORTED' } });
  });

  it('cancels everything, running and queued, when the vault locks', async () => {
    const { session, queue, started, progressOf, sent } = setup();
    const [first, second] = await queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    session.lock('idle');
    await tick();
    expect(started[0]!.options.signal!.aborted).toBe(true);
    expect(progressOf(first!.jobId).at(-1)!.state).toBe('cancelled');
    expect(progressOf(second!.jobId).at(-1)!.state).toBe('cancelled');
    expect(started).toHaveLength(1);
    expect(sent.filter((e) => e.name === 'locked')).toEqual([{ name: 'locked', payload: { reason: 'idle' } }]);
  });

  it('refuses to queue anything while the vault is locked', async () => {
    const { session, queue } = setup();
    session.lock('user');
    await expect(queue.enqueue(['/media/a.mp4'])).rejects.toMatchObject({ code: 'LOCKED' });
  });
});

describe('import queue: folders', () => {
  it('queues every file of a dropped folder in it, keeping its subfolder, and refuses links only in what a walk found', async () => {
    const base = await makeTempDir('coffer-queue');
    await mkdir(join(base, 'Trip', 'day1'), { recursive: true });
    await writeFile(join(base, 'Trip', 'a.jpg'), 'a');
    await writeFile(join(base, 'Trip', 'day1', 'b.jpg'), 'b');
    await writeFile(join(base, 'loose.txt'), 'c');
    const { queue, started, progressOf } = setup({ parallel: () => 3 });
    const jobs = await queue.enqueue([join(base, 'Trip'), join(base, 'loose.txt')]);
    expect(jobs.map((j) => [j.folder, j.name])).toEqual([['Trip', 'a.jpg'], ['Trip/day1', 'b.jpg'], ['', 'loose.txt']]);
    await tick();
    expect(started.map((s) => [s.path, s.options.folder, s.options.refuseLink])).toEqual([
      [join(base, 'Trip', 'a.jpg'), 'Trip', true],
      [join(base, 'Trip', 'day1', 'b.jpg'), 'Trip/day1', true],
      [join(base, 'loose.txt'), '', false],
    ]);
    expect(progressOf(jobs[1]!.jobId).map((p) => p.folder)).toEqual(['Trip/day1', 'Trip/day1']);
  });

  it.runIf(process.platform !== 'win32')('reports each entry the walk left out as a job failed at once, with the reason naming it', async () => {
    const base = await makeTempDir('coffer-queue');
    const root = join(base, 'Mixed');
    await mkdir(root);
    await writeFile(join(root, 'photo.jpg'), 'p');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    await symlink('/etc/passwd', join(root, 'passwd'));
    const { queue, started, statesOf, progressOf } = setup();
    const jobs = await queue.enqueue([root]);
    expect(jobs.map((j) => j.name)).toEqual(['passwd', 'pipe', 'photo.jpg']);
    const [link, pipe, photo] = jobs;
    expect(statesOf(link!.jobId)).toEqual(['failed']);
    expect(progressOf(link!.jobId)[0]).toMatchObject({
      folder: 'Mixed',
      error: { code: 'NOT_A_FILE', message: expect.stringContaining(`${join(root, 'passwd')} is a symbolic link`) },
    });
    expect(progressOf(pipe!.jobId)[0]).toMatchObject({ state: 'failed', error: { code: 'NOT_A_FILE', message: expect.stringContaining('named pipe') } });
    await tick();
    expect(statesOf(photo!.jobId)).toEqual(['queued', 'encrypting']);
    expect(started.map((s) => s.path)).toEqual([join(root, 'photo.jpg')]);
  });

  it(`queues nothing from a drop holding more than ${MAX_WALK_FILES.toLocaleString('en-US')} files, saying so`, async () => {
    const base = await makeTempDir('coffer-queue');
    await mkdir(join(base, 'Huge'));
    await writeFile(join(base, 'one.txt'), '1');
    await Promise.all(Array.from({ length: MAX_WALK_FILES }, (_, i) => writeFile(join(base, 'Huge', `${i}.txt`), '')));
    const { queue, sent } = setup();
    await expect(queue.enqueue([join(base, 'one.txt'), join(base, 'Huge')])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('more than 10,000 files to import at once'),
    });
    await tick();
    expect(sent).toEqual([]);
  }, 60_000);
});

describe('import queue: retry', () => {
  it('queues a failed or cancelled job again as a new job, with its folder, once', async () => {
    const base = await makeTempDir('coffer-queue');
    await mkdir(join(base, 'Trip'));
    await writeFile(join(base, 'Trip', 'a.jpg'), 'a');
    const { queue, started, statesOf } = setup();
    const [failed, cancelled] = await queue.enqueue([join(base, 'Trip', 'a.jpg'), join(base, 'Trip')]);
    await tick();
    started[0]!.fail(new CofferError('STORE_UNAVAILABLE', 'cannot reach the storage'));
    queue.cancel(cancelled!.jobId);
    await tick();

    const again = queue.retry(failed!.jobId);
    expect(again).toEqual({ jobId: expect.any(String), path: failed!.path, name: 'a.jpg', folder: '' });
    expect(again.jobId).not.toBe(failed!.jobId);
    const cancelledAgain = queue.retry(cancelled!.jobId);
    expect(cancelledAgain).toMatchObject({ path: join(base, 'Trip', 'a.jpg'), folder: 'Trip' });
    await tick();
    expect(statesOf(again.jobId)).toEqual(['queued', 'encrypting']);
    expect(started.at(-1)!.options).toMatchObject({ folder: '', refuseLink: false });
    started.at(-1)!.finish(summary('a.jpg'));
    await tick();
    expect(started.at(-1)!.options).toMatchObject({ folder: 'Trip', refuseLink: true });
    expect(() => queue.retry(failed!.jobId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('answers NOT_FOUND for a job that is running, done or unknown', async () => {
    const { queue, started } = setup();
    const [done, running] = await queue.enqueue(['/m/1', '/m/2']);
    await tick();
    started[0]!.finish(summary('1'));
    await tick();
    for (const jobId of [done!.jobId, running!.jobId, '00000000-0000-4000-8000-000000000000']) {
      expect(() => queue.retry(jobId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });

  it('forgets all but the last 1000 failed or cancelled jobs', async () => {
    const { queue } = setup();
    const jobs = [...(await queue.enqueue(Array.from({ length: 600 }, (_, i) => `/m/${i}`))), ...(await queue.enqueue(Array.from({ length: 401 }, (_, i) => `/n/${i}`)))];
    queue.cancelAll();
    await tick();
    // The queued ones end at once, in order; the running first one ends last, once its import stops.
    expect(() => queue.retry(jobs[1]!.jobId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(queue.retry(jobs[2]!.jobId)).toMatchObject({ path: '/m/2' });
    expect(queue.retry(jobs[0]!.jobId)).toMatchObject({ path: '/m/0' });
  });

  it.runIf(process.platform === 'linux')('refuses to retry a folder the walk left out as if it were a file, with INVALID_ARGUMENT', async () => {
    const base = await makeTempDir('coffer-queue');
    await mkdir(join(base, 'Trip', 'bad\nname'), { recursive: true });
    const { queue, progressOf } = setup();
    const [skipped] = await queue.enqueue([join(base, 'Trip')]);
    expect(progressOf(skipped!.jobId)).toMatchObject([{ state: 'failed', name: 'bad\nname', folder: 'Trip', error: { code: 'INVALID_ARGUMENT' } }]);
    expect(() => queue.retry(skipped!.jobId)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('add it again') }));
  });

  it('refuses a retry while the vault is locked, and keeps the job for later', async () => {
    const { session, queue, vault } = setup();
    const [job] = await queue.enqueue(['/m/1']);
    await tick();
    session.lock('user');
    await tick();
    expect(() => queue.retry(job!.jobId)).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    session.open(vault);
    expect(queue.retry(job!.jobId)).toMatchObject({ path: '/m/1' });
  });
});
