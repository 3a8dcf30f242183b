import { call, errorText } from './call.js';
import { formatBytes, formatEta } from './format.js';
import type { ImportRow } from './use-imports.js';
import { messageFor } from './messages.js';

/** Per-file import progress: bytes, rate, time left, and cancel while it can still be cancelled. */
export function ImportList({ rows, onClear, onError }: { rows: ImportRow[]; onClear: () => void; onError: (m: string) => void }) {
  if (rows.length === 0) return null;
  const cancel = (jobId: string) => call(window.coffer.cancelImport({ jobId })).catch((e: unknown) => onError(errorText(e)));
  return (
    <section className="imports" aria-label="Imports">
      <header>
        <h2>Imports</h2>
        <button type="button" onClick={onClear}>
          Clear finished
        </button>
      </header>
      <ul>
        {rows.map((row) => (
          <li key={row.jobId} data-state={row.state}>
            <span className="name">{row.name}</span>
            <progress max={row.total || 1} value={row.state === 'done' ? row.total || 1 : row.bytesRead} />
            <span className="detail">
              {row.state === 'running' &&
                `${formatBytes(row.bytesRead)} of ${formatBytes(row.total)} · ${formatBytes(row.rate)}/s · ${formatEta(row.etaSeconds)} left`}
              {row.state === 'queued' && 'Waiting'}
              {row.state === 'done' && 'Done'}
              {row.state === 'cancelled' && 'Cancelled'}
              {row.state === 'failed' && row.error && messageFor(row.error)}
            </span>
            {(row.state === 'queued' || row.state === 'running') && (
              <button type="button" onClick={() => void cancel(row.jobId)}>
                Cancel
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
