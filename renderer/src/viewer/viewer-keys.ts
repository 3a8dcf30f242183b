import { createContext, useContext, useEffect, useRef, type KeyboardEvent } from 'react';

/** Answers true when it handled the key. */
export type KeyHandler = (event: KeyboardEvent<HTMLElement>) => boolean;

export interface ViewerKeys {
  /** The shown item's own keys, asked before the viewer's. */
  handler: { current: KeyHandler | null };
}

export const ViewerKeysContext = createContext<ViewerKeys | null>(null);

/** Lets the player or the photo view answer keys pressed anywhere in the viewer. */
export function useViewerKeys(handler: KeyHandler): void {
  const keys = useContext(ViewerKeysContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!keys) return;
    const own: KeyHandler = (event) => latest.current(event);
    keys.handler.current = own;
    return () => {
      if (keys.handler.current === own) keys.handler.current = null;
    };
  }, [keys]);
}

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * Keys the focused control needs for itself: typing in a field, choosing in a list, a slider's
 * arrows, a button's Space and Enter. The viewer leaves those alone, and anything in a dialog.
 */
export function keyBelongsToControl(event: KeyboardEvent<HTMLElement>): boolean {
  const target = event.target as HTMLElement;
  if (target.closest('dialog')) return true;
  // A scrolling text keeps its own paging keys.
  if (target.closest('[data-own-keys]') && ARROWS.has(event.key)) return true;
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return event.key !== 'Escape';
  if (target instanceof HTMLInputElement) return target.type === 'range' ? ARROWS.has(event.key) : event.key !== 'Escape';
  if (target instanceof HTMLButtonElement) return event.key === ' ' || event.key === 'Enter';
  return false;
}
