import type { ItemSummary } from '../catalog/item-summary.js';

/** Oldest first, then by name: the order items were put in, stable across runs. */
export function byAdded(a: ItemSummary, b: ItemSummary): number {
  return a.added.localeCompare(b.added) || a.name.localeCompare(b.name);
}
