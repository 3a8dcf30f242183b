import { useEffect, useState } from 'react';
import type { EventPayload } from '../../contract/ipc.js';

export type ImportRow = EventPayload<'importProgress'>;

/** Every import this session has heard of, latest state per file, in the order they were queued. */
export function useImports(): [ImportRow[], () => void] {
  const [rows, setRows] = useState<ImportRow[]>([]);
  useEffect(
    () =>
      window.coffer.onImportProgress((row) =>
        setRows((current) => {
          const index = current.findIndex((r) => r.jobId === row.jobId);
          return index < 0 ? [...current, row] : current.map((r, i) => (i === index ? row : r));
        }),
      ),
    [],
  );
  const clearFinished = () => setRows((current) => current.filter((r) => r.state === 'queued' || r.state === 'running'));
  return [rows, clearFinished];
}
