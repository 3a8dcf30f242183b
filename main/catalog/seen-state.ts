import { z } from 'zod';

const revision = z.number().int().nonnegative();

/** What this device last saw of one item: its metadata revision, and whether it was a tombstone. */
const seenItemSchema = z.strictObject({
  rev: revision,
  deleted: z.literal(true).optional(),
  /** The live item's name, so a report can say what vanished. */
  name: z.string().optional(),
});

const anomalySchema = z.strictObject({
  id: z.string(),
  /** `vanished`: its metadata is gone with no tombstone. `rolled-back`: an older revision came back. */
  kind: z.enum(['vanished', 'rolled-back']),
  name: z.string().optional(),
  /** The highest revision this device had seen. */
  seenRev: revision,
  /** The revision the vault holds now (rolled-back only). */
  foundRev: revision.optional(),
  /** When this device first noticed (ISO 8601). */
  detected: z.iso.datetime(),
});

/** A sign that someone changed the vault behind Coffer's back, kept until the user acknowledges it. */
export type VaultAnomaly = z.infer<typeof anomalySchema>;

export const seenStateSchema = z.strictObject({
  v: z.literal(1),
  items: z.record(z.string(), seenItemSchema),
  anomalies: z.array(anomalySchema),
});

/** A device's record of the vault as it last saw it, and what it noticed that nobody acknowledged. */
export type SeenState = z.infer<typeof seenStateSchema>;

/** One item as a listing shows it. */
export interface ObservedItem {
  rev: number;
  deleted: boolean;
  name?: string;
}

export function seenItem(item: ObservedItem): SeenState['items'][string] {
  return item.deleted ? { rev: item.rev, deleted: true } : { rev: item.rev, ...(item.name === undefined ? {} : { name: item.name }) };
}

/**
 * Compares a listing with what this device saw before and returns the record to keep: the listing's
 * state, plus an anomaly for every item that vanished (listed before, now neither listed nor
 * tombstoned) or came back at a lower revision. With no record yet (a first open on this device)
 * everything is recorded and nothing reported. Items whose metadata could not be opened are kept
 * as they were; they are reported as unreadable elsewhere.
 *
 * The record then holds the vault as it now is, and the report
 * stays in `anomalies` until acknowledged: a reported item is not reported again on every listing,
 * and a report does not disappear with the next one.
 */
export function compareWithSeen(
  seen: SeenState | undefined,
  observed: ReadonlyMap<string, ObservedItem>,
  unreadable: ReadonlySet<string>,
  now: Date,
): SeenState {
  const items: SeenState['items'] = {};
  const found: VaultAnomaly[] = [];
  const detected = now.toISOString();
  for (const id of [...new Set([...observed.keys(), ...Object.keys(seen?.items ?? {})])].sort()) {
    const before = seen?.items[id];
    const item = observed.get(id);
    if (item) {
      if (before && item.rev < before.rev) {
        const name = item.name ?? before.name;
        found.push({ id, kind: 'rolled-back', ...(name === undefined ? {} : { name }), seenRev: before.rev, foundRev: item.rev, detected });
      }
      items[id] = seenItem(item);
    } else if (before && (before.deleted || unreadable.has(id))) {
      // A tombstone that goes away took nothing with it; kept, it still catches the item coming back.
      items[id] = before;
    } else if (before) {
      found.push({ id, kind: 'vanished', ...(before.name === undefined ? {} : { name: before.name }), seenRev: before.rev, detected });
    }
  }
  return { v: 1, items, anomalies: seen ? mergeAnomalies(seen.anomalies, found) : [] };
}

/** Whether two records hold the same items and reports (a listing that changed nothing is not written). */
export function sameSeen(a: SeenState, b: SeenState): boolean {
  const ids = Object.keys(a.items);
  if (ids.length !== Object.keys(b.items).length || JSON.stringify(a.anomalies) !== JSON.stringify(b.anomalies)) return false;
  return ids.every((id) => {
    const [x, y] = [a.items[id], b.items[id]];
    return x !== undefined && y !== undefined && x.rev === y.rev && x.deleted === y.deleted && x.name === y.name;
  });
}

/** One report per item: a newer one replaces it, keeping when it was first noticed and the highest revision seen. */
function mergeAnomalies(earlier: readonly VaultAnomaly[], found: readonly VaultAnomaly[]): VaultAnomaly[] {
  const byId = new Map(earlier.map((a) => [a.id, a]));
  for (const anomaly of found) {
    const previous = byId.get(anomaly.id);
    byId.set(anomaly.id, previous ? { ...anomaly, seenRev: Math.max(previous.seenRev, anomaly.seenRev), detected: previous.detected } : anomaly);
  }
  return [...byId.values()];
}
