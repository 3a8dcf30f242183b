import { describe, expect, it } from 'vitest';
import type { ItemSummaryView } from '../../contract/ipc.js';
import { queueTotals, type QueueEntry } from '../../renderer/src/imports/import-queue.js';
import { isDisplayableImage, kindOf } from '../../renderer/src/library/kinds.js';
import { ancestors, folderTree, kindCounts, nameCollator, shownItems, type Filter } from '../../renderer/src/library/library-model.js';
import { click, move, noSelection, prune, selectAll } from '../../renderer/src/library/selection.js';
import { positionToSave, resumePoint } from '../../renderer/src/viewer/resume.js';
import { viewerKindOf } from '../../renderer/src/viewer/viewer-kind.js';

const item = (id: string, name: string, extra: Partial<ItemSummaryView> = {}): ItemSummaryView => ({
  id,
  name,
  size: 100,
  type: 'video/mp4',
  added: '2026-01-01T00:00:00Z',
  compressed: false,
  folder: '',
  ...extra,
});
const all: Filter = { kind: 'all', folder: null, query: '' };
const collator = nameCollator('en');

describe('kinds', () => {
  it('derive from the MIME type alone, parameters and case aside', () => {
    expect(kindOf('video/x-matroska')).toBe('video');
    expect(kindOf('IMAGE/HEIC')).toBe('photo');
    expect(kindOf('audio/flac')).toBe('audio');
    expect(kindOf('text/markdown; charset=utf-8')).toBe('document');
    expect(kindOf('application/pdf')).toBe('document');
    expect(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('document');
    expect(kindOf('application/json')).toBe('document');
    expect(kindOf('application/zip')).toBe('other');
    expect(kindOf('')).toBe('other');
  });

  it('show as pictures only the formats Chromium decodes', () => {
    expect(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'].every(isDisplayableImage)).toBe(true);
    expect(isDisplayableImage('image/heic')).toBe(false);
    expect(viewerKindOf('image/heic')).toBe('other');
    expect(viewerKindOf('image/png')).toBe('photo');
    expect(viewerKindOf('application/geo+json')).toBe('text');
    expect(viewerKindOf('application/pdf')).toBe('other');
    expect(viewerKindOf('audio/mpeg')).toBe('audio');
  });

  it('are counted per kind and in all', () => {
    const counts = kindCounts([item('a', 'a'), item('b', 'b', { type: 'image/png' }), item('c', 'c', { type: 'image/jpeg' })]);
    expect(counts).toEqual({ all: 3, video: 1, photo: 2, audio: 0, document: 0, other: 0 });
  });
});

describe('the shown items', () => {
  const items = [
    item('1', 'Jeju sunrise.jpg', { type: 'image/jpeg', folder: 'Trips/2024/Jeju', size: 300, added: '2026-01-03T00:00:00Z' }),
    item('2', 'clip 10.mp4', { folder: 'Trips/2024', size: 100, added: '2026-01-01T00:00:00Z' }),
    item('3', 'clip 2.mp4', { folder: '', size: 200, added: '2026-01-02T00:00:00Z' }),
    item('4', '제주 바다.mp3', { type: 'audio/mpeg', folder: 'Tripsy', size: 50, added: '2026-01-04T00:00:00Z' }),
  ];
  const ids = (list: ItemSummaryView[]) => list.map((each) => each.id);

  it('match every word of the query in the name or the folder, ignoring case', () => {
    expect(ids(shownItems(items, { ...all, query: 'JEJU' }, { key: 'name', direction: 'asc' }, collator))).toEqual(['1']);
    expect(ids(shownItems(items, { ...all, query: 'trips clip' }, { key: 'name', direction: 'asc' }, collator))).toEqual(['2']);
    expect(ids(shownItems(items, { ...all, query: '제주' }, { key: 'name', direction: 'asc' }, collator))).toEqual(['4']);
  });

  it('in a folder are those in it and below it, not in a folder that merely starts alike', () => {
    expect(ids(shownItems(items, { ...all, folder: 'Trips' }, { key: 'name', direction: 'asc' }, collator)).sort()).toEqual(['1', '2']);
  });

  it('of a kind are only that kind', () => {
    expect(ids(shownItems(items, { ...all, kind: 'audio' }, { key: 'name', direction: 'asc' }, collator))).toEqual(['4']);
  });

  it('sort by name as people read numbers, by date, size and kind, both ways', () => {
    const sorted = (key: 'name' | 'added' | 'size' | 'kind', direction: 'asc' | 'desc') => ids(shownItems(items, all, { key, direction }, collator));
    expect(sorted('name', 'asc')).toEqual(['3', '2', '1', '4']);
    expect(sorted('name', 'desc')).toEqual(['4', '1', '2', '3']);
    expect(sorted('added', 'asc')).toEqual(['2', '3', '1', '4']);
    expect(sorted('added', 'desc')).toEqual(['4', '1', '3', '2']);
    expect(sorted('size', 'asc')).toEqual(['4', '2', '3', '1']);
    expect(sorted('size', 'desc')).toEqual(['1', '3', '2', '4']);
    // Videos, then photos, then audio; within a kind by name.
    expect(sorted('kind', 'asc')).toEqual(['3', '2', '1', '4']);
    expect(sorted('kind', 'desc')).toEqual(['4', '1', '2', '3']);
  });
});

describe('the folder tree', () => {
  it('nests the folders, counting every item below each', () => {
    const tree = folderTree(
      [item('1', 'a', { folder: 'Trips/2024/Jeju' }), item('2', 'b', { folder: 'Trips/2024' }), item('3', 'c', { folder: '' }), item('4', 'd', { folder: 'Art' })],
      collator,
    );
    expect(tree).toEqual([
      { path: 'Art', name: 'Art', count: 1, children: [] },
      {
        path: 'Trips',
        name: 'Trips',
        count: 2,
        children: [{ path: 'Trips/2024', name: '2024', count: 2, children: [{ path: 'Trips/2024/Jeju', name: 'Jeju', count: 1, children: [] }] }],
      },
    ]);
    expect(ancestors('Trips/2024/Jeju')).toEqual(['Trips', 'Trips/2024']);
  });
});

describe('selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  const plain = { toggle: false, range: false };

  it('selects one on a click, toggles with Ctrl, and takes the range from the anchor with Shift', () => {
    let s = click(noSelection, 'b', order, plain);
    expect([...s.ids]).toEqual(['b']);
    s = click(s, 'd', order, { toggle: true, range: false });
    expect([...s.ids].sort()).toEqual(['b', 'd']);
    s = click(s, 'a', order, { toggle: false, range: true });
    expect([...s.ids].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(s.anchor).toBe('d');
    s = click(s, 'b', order, { toggle: true, range: false });
    expect([...s.ids].sort()).toEqual(['a', 'c', 'd']);
    // Ctrl+Shift adds the range from the new anchor to what is there.
    s = click(s, 'e', order, { toggle: true, range: true });
    expect([...s.ids].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('moves with the arrows, extends with Shift, only moves the focus with Ctrl, and stops at the ends', () => {
    let s = move(noSelection, order, 1, plain);
    expect(s.focus).toBe('a');
    s = move(s, order, 2, { toggle: false, range: true });
    expect([...s.ids]).toEqual(['a', 'b', 'c']);
    s = move(s, order, 1, { toggle: true, range: false });
    expect(s.focus).toBe('d');
    expect(s.ids.size).toBe(3);
    s = move(s, order, Number.POSITIVE_INFINITY, plain);
    expect([...s.ids]).toEqual(['e']);
    expect(move(s, order, 3, plain).focus).toBe('e');
  });

  it('selects every shown item, and forgets what is no longer shown', () => {
    const s = selectAll(order, noSelection);
    expect(s.ids.size).toBe(5);
    const pruned = prune(s, ['a', 'c']);
    expect([...pruned.ids]).toEqual(['a', 'c']);
    expect(prune(pruned, ['a', 'c'])).toBe(pruned);
  });
});

describe('the queue total', () => {
  const entry = (state: QueueEntry['state'], bytesRead: number, total: number, rate = 0): QueueEntry => ({
    jobId: `${state}-${bytesRead}`,
    name: 'x',
    folder: '',
    state,
    bytesRead,
    total,
    rate,
    etaSeconds: null,
    error: null,
  });

  it('counts done of the files not cancelled, sums bytes and speed, and says the time left', () => {
    const totals = queueTotals([entry('done', 100, 100), entry('encrypting', 50, 200, 10), entry('queued', 0, 100), entry('cancelled', 10, 100), entry('failed', 5, 100)]);
    expect(totals).toEqual({ done: 1, files: 4, active: 2, failed: 1, bytesRead: 150, bytes: 400, rate: 10, etaSeconds: 25 });
  });

  it('has no time left while nothing moves', () => {
    expect(queueTotals([entry('queued', 0, 100)]).etaSeconds).toBeNull();
  });
});

describe('resume', () => {
  it('starts where it stopped unless that was in the first seconds or near the end', () => {
    expect(resumePoint(120, 600)).toBe(120);
    expect(resumePoint(4, 600)).toBeNull();
    expect(resumePoint(null, 600)).toBeNull();
    expect(resumePoint(595, 600)).toBeNull();
    expect(resumePoint(580, 600)).toBeNull();
  });

  it('forgets the position of what played to the end', () => {
    expect(positionToSave(120, 600, false)).toBe(120);
    expect(positionToSave(598, 600, false)).toBeNull();
    expect(positionToSave(600, 600, true)).toBeNull();
  });
});
