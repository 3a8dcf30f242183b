import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload, ImportJob, ItemSummaryView } from '../../contract/ipc.js';
import { createFormatters } from '../../renderer/src/i18n/format.js';
import { ImportQueue } from '../../renderer/src/imports/import-queue.js';
import { ImportQueuePanel } from '../../renderer/src/imports/import-queue-panel.js';
import type * as Grid from '../../renderer/src/library/item-grid.js';
import { LibraryScreen } from '../../renderer/src/library/library-screen.js';
import type * as LibraryData from '../../renderer/src/library/use-library-data.js';
import { giveElementsSize } from './support/layout.js';
import { renderScreen, scriptCoffer, type Answers } from './support/render.js';

beforeAll(() => giveElementsSize());

// Render counters for the library: useLibraryData runs once per render of the library screen, and
// ItemGrid (not memoised) once per render of the grid.
const renders = vi.hoisted(() => ({ library: 0, grid: 0 }));
vi.mock('../../renderer/src/library/use-library-data.js', async (importOriginal) => {
  const original = await importOriginal<typeof LibraryData>();
  return {
    ...original,
    useLibraryData: () => {
      renders.library++;
      return original.useLibraryData();
    },
  };
});
vi.mock('../../renderer/src/library/item-grid.js', async (importOriginal) => {
  const original = await importOriginal<typeof Grid>();
  return {
    ...original,
    ItemGrid: (props: Parameters<typeof original.ItemGrid>[0]) => {
      renders.grid++;
      return original.ItemGrid(props);
    },
  };
});

const ids = ['0b3e1d9c-5f1a-4c4e-9d43-2f8b5c1a7e11', '1c4f2e0d-6a2b-4d5f-8e54-3a9c6d2b8f22', '2d5a3f1e-7b3c-4e6a-9f65-4b0d7e3c9a33'];
const job = (i: number, name: string, folder = ''): ImportJob => ({ jobId: ids[i]!, path: `/home/me/${name}`, name, folder });
const progress = (i: number, name: string, change: Partial<EventPayload<'importProgress'>>): EventPayload<'importProgress'> => ({
  jobId: ids[i]!,
  name,
  folder: '',
  state: 'encrypting',
  bytesRead: 0,
  total: 4_000_000,
  rate: 0,
  etaSeconds: null,
  item: null,
  error: null,
  ...change,
});
const en = createFormatters('en');

async function open(answers: Answers = {}) {
  const api = scriptCoffer(answers);
  const queue = new ImportQueue();
  await renderScreen(<ImportQueuePanel queue={queue} />);
  return { api, queue, user: userEvent.setup() };
}
const row = (name: string) => screen.getByText(name, { selector: '.import-name, .import-name *', exact: false }).closest('li')!;

describe('the import queue', () => {
  it('appears only when there are jobs, each queued file with its folder', async () => {
    const { queue } = await open();
    expect(screen.queryByRole('region')).toBeNull();
    act(() => queue.enqueue([job(0, 'holiday.mp4', 'Trips/2024'), job(1, 'cat.jpg')]));
    const panel = await screen.findByRole('region', { name: 'Adding files' });
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
    expect(row('holiday.mp4').textContent).toContain('Trips/2024');
    expect(row('holiday.mp4').textContent).toContain('Queued');
  });

  it('shows progress, speed and time left, formatted, from main’s events', async () => {
    const { api, queue } = await open();
    act(() => queue.enqueue([job(0, 'holiday.mp4')]));
    await screen.findByRole('region');
    act(() => api.emit('importProgress', progress(0, 'holiday.mp4', { bytesRead: 1_000_000, rate: 512_000, etaSeconds: 6 })));
    await waitFor(() => expect(row('holiday.mp4').textContent).toContain(`Encrypting · 1 MB of 4 MB · ${en.rate(512_000)} · ${en.duration(6)} left`));
    expect(within(row('holiday.mp4')).getByRole('progressbar', { name: 'Progress of holiday.mp4' })).toHaveProperty('value', 0.25);
    expect(screen.getByText(`0 of 1 file · 1 MB of 4 MB · ${en.rate(512_000)} · ${en.duration(6)} left`)).toBeTruthy();
  });

  it('says each state in words, and a failure in its error code’s sentence', async () => {
    const { api } = await open();
    act(() => {
      api.emit('importProgress', progress(0, 'a.mp4', { state: 'uploading', bytesRead: 4_000_000 }));
      api.emit('importProgress', progress(1, 'b.mp4', { state: 'failed', error: { code: 'DISK_FULL', message: 'ENOSPC' } }));
      api.emit('importProgress', progress(2, 'c.mp4', { state: 'cancelled' }));
    });
    await waitFor(() => expect(row('a.mp4').textContent).toContain('Finishing upload'));
    expect(row('b.mp4').textContent).toContain('Failed · The disk is full.');
    expect(row('b.mp4').textContent).not.toContain('ENOSPC');
    expect(row('c.mp4').textContent).toContain('Cancelled');
    act(() => api.emit('importProgress', progress(0, 'a.mp4', { state: 'done', bytesRead: 4_000_000 })));
    await waitFor(() => expect(row('a.mp4').textContent).toContain('Done · 4 MB'));
    expect(screen.getByRole('heading', { name: '1 file could not be added' })).toBeTruthy();
    expect(screen.getByText('1 of 2 files · 4 MB of 4 MB')).toBeTruthy();
  });

  it('cancels one file, retries a failed one in its place, and cancels all', async () => {
    const { api, user } = await open({ retryImport: job(2, 'b.mp4') });
    act(() => {
      api.emit('importProgress', progress(0, 'a.mp4', { bytesRead: 10 }));
      api.emit('importProgress', progress(1, 'b.mp4', { state: 'failed', error: { code: 'STORE_UNAVAILABLE', message: 'down' } }));
    });
    await screen.findByRole('region');
    expect(screen.queryByRole('button', { name: 'Retry a.mp4' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel a.mp4' }));
    await user.click(screen.getByRole('button', { name: 'Retry b.mp4' }));
    await waitFor(() => expect(row('b.mp4').textContent).toContain('Queued'));
    await user.click(screen.getByRole('button', { name: 'Cancel all' }));
    expect(api.calls).toEqual([
      { name: 'cancelImport', input: { jobId: ids[0] } },
      { name: 'retryImport', input: { jobId: ids[1] } },
      { name: 'cancelAllImports', input: undefined },
    ]);
    // The retry's own events now land on the row.
    act(() => api.emit('importProgress', progress(2, 'b.mp4', { bytesRead: 2_000_000 })));
    await waitFor(() => expect(row('b.mp4').textContent).toContain('2 MB of 4 MB'));
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('clears finished files, and closes once nothing is left', async () => {
    const { api, user } = await open();
    act(() => {
      api.emit('importProgress', progress(0, 'a.mp4', { state: 'done', bytesRead: 4_000_000 }));
      api.emit('importProgress', progress(1, 'b.mp4', { bytesRead: 1 }));
    });
    await screen.findByRole('region');
    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    act(() => api.emit('importProgress', progress(1, 'b.mp4', { state: 'done', bytesRead: 4_000_000 })));
    await screen.findByRole('heading', { name: 'Import finished' });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('region')).toBeNull());
  });

  it('collapses to its total line', async () => {
    const { api, user } = await open();
    act(() => api.emit('importProgress', progress(0, 'a.mp4', { bytesRead: 1 })));
    await screen.findByRole('region');
    await user.click(screen.getByRole('button', { name: 'Hide list' }));
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByRole('progressbar', { name: 'Total progress' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show list' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });

  it('speaks Korean', async () => {
    const api = scriptCoffer();
    const queue = new ImportQueue();
    await renderScreen(<ImportQueuePanel queue={queue} />, { locale: 'ko' });
    act(() => api.emit('importProgress', progress(0, 'a.mp4', { state: 'failed', error: { code: 'DISK_FULL', message: 'x' } })));
    await waitFor(() => expect(row('a.mp4').textContent).toContain('실패 · 디스크 공간이 부족합니다.'));
  });

  it('re-renders only itself on progress, never the library', async () => {
    const items: ItemSummaryView[] = Array.from({ length: 200 }, (_, i) => ({
      id: `item${i}`,
      name: `clip ${i}.mp4`,
      size: 1000,
      type: 'video/mp4',
      added: '2026-01-01T00:00:00Z',
      compressed: false,
      folder: '',
    }));
    const api = scriptCoffer({ listItems: items, addFiles: [job(0, 'big.mkv')] });
    const user = userEvent.setup();
    await renderScreen(<LibraryScreen status={{ state: 'unlocked', location: { kind: 'folder', path: '/v' }, rememberedUnlock: false, defaultFolder: '/v', locationHasVault: true, recent: [] }} secretsNotStored={null} onDismissSecretsNotice={() => {}} onOpenSettings={() => {}} />);
    await screen.findByRole('listbox');
    await user.click(screen.getByRole('button', { name: 'Add files…' }));
    await screen.findByRole('region', { name: 'Adding files' });
    const before = { ...renders };
    expect(before.library).toBeGreaterThan(0);
    expect(before.grid).toBeGreaterThan(0);
    for (let step = 1; step <= 50; step++) {
      act(() => api.emit('importProgress', progress(0, 'big.mkv', { total: 10_000_000_000, bytesRead: step * 100_000_000, rate: 200_000_000, etaSeconds: 50 - step })));
      // One frame per event: each one reaches the screen.
      await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    await waitFor(() => expect(row('big.mkv').textContent).toContain('5 GB of 10 GB'));
    expect(renders).toEqual(before);
  });
});
