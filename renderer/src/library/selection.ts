/**
 * Multi-selection over the items on screen, as file managers do it: a click selects one, Ctrl/Cmd
 * toggles, Shift selects the range from the anchor, arrows move the focus. Pure functions of the
 * shown order, so the rules are tested without a screen.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Where a Shift range starts: the last item clicked or moved to without Shift. */
  anchor: string | null;
  /** The item the keyboard acts on. */
  focus: string | null;
}

export const noSelection: Selection = { ids: new Set(), anchor: null, focus: null };

export interface Modifiers {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
  range: boolean;
}

function span(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  const start = from === null ? -1 : order.indexOf(from);
  if (start < 0) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

export function click(selection: Selection, id: string, order: readonly string[], { toggle, range }: Modifiers): Selection {
  if (range) {
    const ids = new Set(toggle ? selection.ids : []);
    for (const each of span(order, selection.anchor, id)) ids.add(each);
    return { ids, anchor: selection.anchor ?? id, focus: id };
  }
  if (toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, focus: id };
  }
  return { ids: new Set([id]), anchor: id, focus: id };
}

export function selectAll(order: readonly string[], selection: Selection): Selection {
  return { ids: new Set(order), anchor: selection.anchor, focus: selection.focus ?? order[0] ?? null };
}

/**
 * Moves the focus `delta` places (a row is `columns` places in the grid), clamped to the ends.
 * Plain arrows select the item moved to; Shift extends the range from the anchor; Ctrl/Cmd only
 * moves the focus.
 */
export function move(selection: Selection, order: readonly string[], delta: number, { toggle, range }: Modifiers): Selection {
  if (order.length === 0) return selection;
  const last = order.length - 1;
  const from = selection.focus === null ? -1 : order.indexOf(selection.focus);
  // With nothing focused yet, any move lands on the first item, End on the last.
  const index = from < 0 ? (delta === Number.POSITIVE_INFINITY ? last : 0) : Math.min(last, Math.max(0, from + delta));
  const id = order[index]!;
  if (toggle) return { ...selection, focus: id };
  if (range) {
    const anchor = selection.anchor !== null && order.includes(selection.anchor) ? selection.anchor : order[Math.max(from, 0)]!;
    return { ids: new Set(span(order, anchor, id)), anchor, focus: id };
  }
  return { ids: new Set([id]), anchor: id, focus: id };
}

/** Space with Ctrl/Cmd: the focused item in or out of the selection. */
export function toggleFocused(selection: Selection): Selection {
  return selection.focus === null ? selection : click(selection, selection.focus, [], { toggle: true, range: false });
}

/** Drops what is no longer shown (deleted, or filtered away), so actions never reach hidden items. */
export function prune(selection: Selection, order: readonly string[]): Selection {
  const shown = new Set(order);
  const keep = (id: string | null) => (id !== null && shown.has(id) ? id : null);
  const ids = [...selection.ids].filter((id) => shown.has(id));
  if (ids.length === selection.ids.size && keep(selection.anchor) === selection.anchor && keep(selection.focus) === selection.focus) return selection;
  return { ids: new Set(ids), anchor: keep(selection.anchor), focus: keep(selection.focus) };
}
