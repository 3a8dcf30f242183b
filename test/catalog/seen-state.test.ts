import { describe, expect, it } from 'vitest';
import { compareWithSeen, type ObservedItem, type SeenState } from '../../main/catalog/seen-state.js';

const live = (rev: number, name = 'a.txt'): ObservedItem => ({ rev, deleted: false, name });
const tombstone = (rev: number): ObservedItem => ({ rev, deleted: true });
const listing = (items: Record<string, ObservedItem>) => new Map(Object.entries(items));
const monday = new Date('2025-03-03T09:00:00.000Z');
const tuesday = new Date('2025-03-04T09:00:00.000Z');
const none = new Set<string>();

function seenAfter(...listings: Array<Map<string, ObservedItem>>): SeenState | undefined {
  return listings.reduce<SeenState | undefined>((seen, observed) => compareWithSeen(seen, observed, none, monday), undefined);
}

describe('comparing a listing with what this device saw', () => {
  it('records a first listing without reporting anything', () => {
    expect(compareWithSeen(undefined, listing({ a: live(3), b: tombstone(1) }), none, monday)).toEqual({
      v: 1,
      items: { a: { rev: 3, name: 'a.txt' }, b: { rev: 1, deleted: true } },
      anomalies: [],
    });
  });

  it('reports a live item that is gone without a tombstone, and then forgets the item but not the report', () => {
    const after = compareWithSeen(seenAfter(listing({ a: live(2) })), listing({}), none, tuesday);
    expect(after).toEqual({ v: 1, items: {}, anomalies: [{ id: 'a', kind: 'vanished', name: 'a.txt', seenRev: 2, detected: tuesday.toISOString() }] });
    expect(compareWithSeen(after, listing({}), none, tuesday)).toEqual(after);
  });

  it('does not report a tombstone that goes away, and still catches the item coming back older', () => {
    const gone = compareWithSeen(seenAfter(listing({ a: tombstone(4) })), listing({}), none, tuesday);
    expect(gone).toEqual({ v: 1, items: { a: { rev: 4, deleted: true } }, anomalies: [] });
    expect(compareWithSeen(gone, listing({ a: live(3) }), none, tuesday).anomalies).toEqual([
      { id: 'a', kind: 'rolled-back', name: 'a.txt', seenRev: 4, foundRev: 3, detected: tuesday.toISOString() },
    ]);
  });

  it('accepts a newer or equal revision, and a deletion, without a report', () => {
    const seen = seenAfter(listing({ a: live(1), b: live(5) }));
    expect(compareWithSeen(seen, listing({ a: live(1, 'new name'), b: tombstone(5) }), none, tuesday)).toEqual({
      v: 1,
      items: { a: { rev: 1, name: 'new name' }, b: { rev: 5, deleted: true } },
      anomalies: [],
    });
  });

  it('keeps an item whose metadata cannot be opened as it was, reporting nothing for it', () => {
    const seen = seenAfter(listing({ a: live(2) }));
    expect(compareWithSeen(seen, listing({}), new Set(['a']), tuesday)).toEqual(seen);
  });

  it('keeps one report per item: when first noticed and the highest revision seen', () => {
    const rolled = compareWithSeen(seenAfter(listing({ a: live(5) })), listing({ a: live(3) }), none, monday);
    const again = compareWithSeen(rolled, listing({}), none, tuesday);
    expect(again.anomalies).toEqual([{ id: 'a', kind: 'vanished', name: 'a.txt', seenRev: 5, detected: monday.toISOString() }]);
  });
});
