/**
 * What the library shows, as pure functions of the catalog: which items pass the sidebar's filters
 * and the search, in which order, and the folder tree the items' `folder` values make.
 */
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { KINDS, kindOf, type Kind } from './kinds.js';

export const SORT_KEYS = ['name', 'added', 'size', 'kind'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export interface Filter {
  kind: Kind | 'all';
  /** A folder path: the items in it and in the folders below it. Null for every item. */
  folder: string | null;
  /** What the user typed in the search field. */
  query: string;
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase();

/** Each word of the query must appear in the item's name or folder, ignoring case. */
export function queryTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

const haystacks = new WeakMap<ItemSummaryView, string>();
function haystack(item: ItemSummaryView): string {
  let text = haystacks.get(item);
  if (text === undefined) haystacks.set(item, (text = fold(`${item.name}\n${item.folder}`)));
  return text;
}

export function inFolder(itemFolder: string, folder: string): boolean {
  return itemFolder === folder || itemFolder.startsWith(`${folder}/`);
}

export function passes(item: ItemSummaryView, filter: Filter, terms: readonly string[] = queryTerms(filter.query)): boolean {
  if (filter.kind !== 'all' && kindOf(item.type) !== filter.kind) return false;
  if (filter.folder !== null && !inFolder(item.folder, filter.folder)) return false;
  return terms.every((term) => haystack(item).includes(term));
}

/** Compares names as people read them: "file 2" before "file 10", case and accents aside. */
export function nameCollator(locale: string): Intl.Collator {
  return new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
}

/**
 * Each item's place in name order, worked out once per catalog and language: Intl.Collator's compare
 * is slow enough that sorting 10,000 items with it in every comparison takes a tenth of a second.
 */
const nameRanks = new WeakMap<readonly ItemSummaryView[], { collator: Intl.Collator; ranks: Map<ItemSummaryView, number> }>();
function nameRank(items: readonly ItemSummaryView[], collator: Intl.Collator): Map<ItemSummaryView, number> {
  const cached = nameRanks.get(items);
  if (cached?.collator === collator) return cached.ranks;
  const ordered = [...items].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranks = new Map(ordered.map((item, rank) => [item, rank]));
  nameRanks.set(items, { collator, ranks });
  return ranks;
}

/** The items that pass `filter`, in `sort` order; ties fall back to the name, then the id, so the order never jumps. */
export function shownItems(items: readonly ItemSummaryView[], filter: Filter, sort: Sort, collator: Intl.Collator): ItemSummaryView[] {
  const terms = queryTerms(filter.query);
  const key = primaryKey(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = items.filter((item) => passes(item, filter, terms)).map((item) => ({ item, key: key(item) }));
  // Ranks only when a tie needs them: dates and sizes rarely tie.
  let ranks: Map<ItemSummaryView, number> | null = null;
  keyed.sort((a, b) => {
    if (a.key !== b.key) return sign * (a.key - b.key);
    ranks ??= nameRank(items, collator);
    return sign * (ranks.get(a.item)! - ranks.get(b.item)!);
  });
  return keyed.map(({ item }) => item);
}

/** The number an item sorts by, before its name; for name order every item ties and the name decides. */
function primaryKey(key: SortKey): (item: ItemSummaryView) => number {
  switch (key) {
    case 'name':
      return () => 0;
    case 'added':
      return (item) => Date.parse(item.added);
    case 'size':
      return (item) => item.size;
    case 'kind':
      return (item) => KINDS.indexOf(kindOf(item.type));
  }
}

/** How many items there are of each kind, and in all. */
export function kindCounts(items: readonly ItemSummaryView[]): Record<Kind | 'all', number> {
  const counts = { all: items.length, video: 0, photo: 0, audio: 0, document: 0, other: 0 };
  for (const item of items) counts[kindOf(item.type)]++;
  return counts;
}

export interface FolderNode {
  /** The whole path, as items carry it in `folder`. */
  path: string;
  /** Its last segment. */
  name: string;
  /** Items in this folder and every folder below it. */
  count: number;
  children: FolderNode[];
}

/** The folders the items came from, as a tree sorted by name; items added on their own ('') are in none. */
export function folderTree(items: readonly ItemSummaryView[], collator: Intl.Collator): FolderNode[] {
  const root: FolderNode = { path: '', name: '', count: 0, children: [] };
  const nodes = new Map<string, FolderNode>([['', root]]);
  for (const item of items) {
    if (item.folder === '') continue;
    let parent = root;
    let path = '';
    for (const segment of item.folder.split('/')) {
      if (segment === '') continue;
      path = path ? `${path}/${segment}` : segment;
      let node = nodes.get(path);
      if (!node) {
        node = { path, name: segment, count: 0, children: [] };
        nodes.set(path, node);
        parent.children.push(node);
      }
      node.count++;
      parent = node;
    }
  }
  const order = (list: FolderNode[]) => {
    list.sort((a, b) => collator.compare(a.name, b.name));
    for (const node of list) order(node.children);
  };
  order(root.children);
  return root.children;
}

/** "Trips/2024/Jeju" → ["Trips", "Trips/2024"]: the folders to open so this one shows. */
export function ancestors(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('/'));
}
