import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../contract/channels.js';
import { events, type EventPayload } from '../../contract/ipc.js';
import { CofferError } from '../../main/errors.js';
import { ImportQueue } from '../../main/ipc/import-queue.js';
import { AppSession } from '../../main/ipc/app-session.js';
import type { ImportOptions, ImportProgress } from '../../main/pipeline/import-options.js';
import type { ItemSummary } from '../../main/catalog/item-summary.js';
import type { Vault } from '../../main/vault/types.js';

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

const summary = (name: string, size = 100): ItemSummary => ({
  id: `id-${name}`,
  name,
  size,
  type: 'video/mp4',
  added: '2026-01-01T00:00:00.000Z',
  compressed: false,
});

function setup(now = () => 0) {
  const sent: { name: EventName; payload: unknown }[] = [];
  // Every event is checked against the contract, as the renderer will receive it.
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    events[name].parse(payload);
    sent.push({ name, payload });
  };
  const session = new AppSession({ emit });
  const { vault, started } = scriptedVault();
  session.open(vault);
  const queue = new ImportQueue({ session, emit, log: vi.fn(), progressIntervalMs: 100, now });
  const progressOf = (jobId: string) =>
    sent.filter((e) => e.name === 'importProgress' && (e.payload as { jobId: string }).jobId === jobId).map((e) => e.payload as EventPayload<'importProgress'>);
  return { session, vault, started, queue, sent, progressOf };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('import queue', () => {
  it('imports files one at a time, in the order given', async () => {
    const { queue, started } = setup();
    const [a, b] = queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    expect(a).toMatchObject({ name: 'a.mp4', path: '/media/a.mp4' });
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/media/a.mp4']);
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(started.map((s) => s.path)).toEqual(['/media/a.mp4', '/media/b.mp4']);
    expect(b!.jobId).not.toBe(a!.jobId);
  });

  it('reports queued, running, then done with the new item, and announces the catalog change', async () => {
    const { queue, started, sent, progressOf } = setup();
    const [job] = queue.enqueue(['/media/a.mp4']);
    await tick();
    started[0]!.finish(summary('a.mp4', 4096));
    await tick();
    const states = progressOf(job!.jobId).map((p) => p.state);
    expect(states).toEqual(['queued', 'running', 'done']);
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ item: summary('a.mp4', 4096), bytesRead: 4096, total: 4096, error: null });
    expect(sent.at(-1)).toEqual({ name: 'catalogChanged', payload: { reason: 'import' } });
  });

  it('sends progress (bytes, rate, ETA) at most once per interval per file', async () => {
    let clock = 0;
    const { queue, started, progressOf } = setup(() => clock);
    const [job] = queue.enqueue(['/media/a.mp4']);
    await tick();
    const report = (bytesRead: number): ImportProgress => ({ bytesRead, bytesStored: bytesRead, total: 1000, rate: 50, etaSeconds: (1000 - bytesRead) / 50 });
    for (const [t, bytes] of [[10, 100], [50, 200], [120, 300], [150, 400], [230, 500]] as const) {
      clock = t;
      started[0]!.options.onProgress!(report(bytes));
    }
    const running = progressOf(job!.jobId).filter((p) => p.state === 'running');
    // The 'running' announcement at t=0, then one report per 100 ms window.
    expect(running.map((p) => p.bytesRead)).toEqual([0, 300, 500]);
    expect(running.at(-1)).toMatchObject({ total: 1000, rate: 50, etaSeconds: 10 });
  });

  it('cancels a queued file without ever starting it', async () => {
    const { queue, started, progressOf } = setup();
    const [, second] = queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    queue.cancel(second!.jobId);
    expect(progressOf(second!.jobId).map((p) => p.state)).toEqual(['queued', 'cancelled']);
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(started).toHaveLength(1);
  });

  it('cancels a running file by aborting its signal', async () => {
    const { queue, started, progressOf } = setup();
    const [job] = queue.enqueue(['/media/a.mp4']);
    await tick();
    queue.cancel(job!.jobId);
    await tick();
    expect(started[0]!.options.signal!.aborted).toBe(true);
    expect(progressOf(job!.jobId).at(-1)).toMatchObject({ state: 'cancelled', error: null });
  });

  it('answers NOT_FOUND when cancelling a job that has finished', async () => {
    const { queue, started } = setup();
    const [job] = queue.enqueue(['/media/a.mp4']);
    await tick();
    started[0]!.finish(summary('a.mp4'));
    await tick();
    expect(() => queue.cancel(job!.jobId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('reports a failed file with its error code and goes on with the next', async () => {
    const { queue, started, progressOf } = setup();
    const [first, second] = queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    started[0]!.fail(new CofferError('DISK_FULL', 'no space left'));
    await tick();
    expect(progressOf(first!.jobId).at(-1)).toMatchObject({ state: 'failed', error: { code: 'DISK_FULL' } });
    expect(progressOf(second!.jobId).at(-1)).toMatchObject({ state: 'running' });
  });

  it('cancels everything, running and queued, when the vault locks', async () => {
    const { session, queue, started, progressOf, sent } = setup();
    const [first, second] = queue.enqueue(['/media/a.mp4', '/media/b.mp4']);
    await tick();
    session.lock('idle');
    await tick();
    expect(started[0]!.options.signal!.aborted).toBe(true);
    expect(progressOf(first!.jobId).at(-1)!.state).toBe('cancelled');
    expect(progressOf(second!.jobId).at(-1)!.state).toBe('cancelled');
    expect(started).toHaveLength(1);
    expect(sent.filter((e) => e.name === 'locked')).toEqual([{ name: 'locked', payload: { reason: 'idle' } }]);
  });

  it('refuses to queue anything while the vault is locked', () => {
    const { session, queue } = setup();
    session.lock('user');
    expect(() => queue.enqueue(['/media/a.mp4'])).toThrow(expect.objectContaining({ code: 'LOCKED' }));
  });
});
