import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemSummaryView, VaultUsage } from '../../../contract/ipc.js';
import { coffer, useCofferEvent } from '../coffer.js';

/** A burst of catalogChanged events (a folder of files finishing) costs one reload per this many ms. */
export const RELOAD_COALESCE_MS = 100;

export interface LibraryData {
  /** Null until the first answer. */
  items: ItemSummaryView[] | null;
  usage: VaultUsage | null;
  /** Why the last listing failed, if it did. */
  error: unknown;
  reload: () => void;
}

/** The catalog and its usage, reloaded when main says the catalog changed; an older answer never overwrites a newer one. */
export function useLibraryData(): LibraryData {
  const [items, setItems] = useState<ItemSummaryView[] | null>(null);
  const [usage, setUsage] = useState<VaultUsage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    coffer.listItems().then(
      (list) => {
        if (mine !== generation.current) return;
        setItems(list);
        setError(null);
      },
      (failure: unknown) => mine === generation.current && setError(failure),
    );
    coffer.vaultUsage().then(
      (answer) => mine === generation.current && setUsage(answer),
      // The usage line is a nicety: without it the library still works, so it just stays as it was.
      () => {},
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reload]);

  useCofferEvent('catalogChanged', () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, RELOAD_COALESCE_MS);
  });

  return { items, usage, error, reload };
}
