import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { click, move, selectAll, toggleFocused, noSelection, type Modifiers, type Selection } from './selection.js';

export interface ItemNavigation {
  /** The shown items' ids, in order. */
  order: readonly string[];
  selection: Selection;
  onSelection: (selection: Selection) => void;
  /** Places per row: the grid's columns, 1 in the list. */
  columns: number;
  /** Places per screenful, for PageUp and PageDown. */
  page: number;
  onOpen: (id: string) => void;
  onDeleteRequest: () => void;
  /** Brings the item at this index into view. */
  reveal: (index: number) => void;
}

export const modifiers = (event: KeyboardEvent | MouseEvent): Modifiers => ({ toggle: event.ctrlKey || event.metaKey, range: event.shiftKey });

/**
 * The keyboard and mouse rules shared by the grid and the list. The handlers read the latest
 * props through a ref, so they keep their identity and memoised tiles do not re-render for them.
 */
export function useItemNavigation(navigation: ItemNavigation) {
  const latest = useRef(navigation);
  latest.current = navigation;
  const handlers = useRef({
    onItemClick(id: string, mods: Modifiers) {
      const { selection, order, onSelection } = latest.current;
      onSelection(click(selection, id, order, mods));
    },
    onItemOpen(id: string) {
      latest.current.onOpen(id);
    },
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      const { order, selection, onSelection, columns, page, onOpen, onDeleteRequest, reveal } = latest.current;
      const mods = modifiers(event);
      const steps: Record<string, number | undefined> = {
        ArrowDown: columns,
        ArrowUp: -columns,
        ArrowRight: columns > 1 ? 1 : undefined,
        ArrowLeft: columns > 1 ? -1 : undefined,
        PageDown: page,
        PageUp: -page,
        Home: Number.NEGATIVE_INFINITY,
        End: Number.POSITIVE_INFINITY,
      };
      const step = steps[event.key];
      if (step !== undefined) {
        event.preventDefault();
        const next = move(selection, order, step, mods);
        onSelection(next);
        if (next.focus !== null) reveal(order.indexOf(next.focus));
        return;
      }
      if (event.key.toLowerCase() === 'a' && mods.toggle) {
        event.preventDefault();
        onSelection(selectAll(order, selection));
      } else if (event.key === 'Escape' && selection.ids.size > 0) {
        event.preventDefault();
        onSelection({ ...noSelection, focus: selection.focus });
      } else if (event.key === 'Enter' && selection.focus !== null) {
        event.preventDefault();
        onOpen(selection.focus);
      } else if (event.key === ' ' && selection.focus !== null) {
        event.preventDefault();
        onSelection(toggleFocused(selection));
      } else if ((event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) && selection.ids.size > 0) {
        event.preventDefault();
        onDeleteRequest();
      }
    },
  });
  return handlers.current;
}
