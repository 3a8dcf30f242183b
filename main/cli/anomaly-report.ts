import type { VaultAnomaly } from '../catalog/seen-state.js';
import { formatLocalTime } from './human-format.js';

/** One stdout line of `coffer verify` per item that vanished or was rolled back. */
export function anomalyLine(anomaly: VaultAnomaly): string {
  const what = anomaly.kind === 'vanished'
    ? `deleted behind Coffer's back (its metadata is gone without a tombstone; last seen at revision ${anomaly.seenRev})`
    : `rolled back to an older copy of its metadata (revision ${anomaly.foundRev} after ${anomaly.seenRev})`;
  const label = anomaly.kind === 'vanished' ? 'VANISHED' : 'ROLLBACK';
  return `${label}  ${anomaly.id}  ${anomaly.name ?? '(name unknown)'}: ${what}, noticed ${formatLocalTime(anomaly.detected)}\n`;
}

/** The one stderr line that says there are reports, and where to read them. */
export function anomalyNotice(count: number, advice: string): string {
  return `coffer: ${count} item${count === 1 ? '' : 's'} vanished or rolled back behind Coffer's back since this device last looked; ${advice}\n`;
}
