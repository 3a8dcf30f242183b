import { useVirtualizer } from '@tanstack/react-virtual';
import { Ban, ChevronDown, ChevronUp, CircleCheck, CircleX, Clock, LoaderCircle, RotateCw, X } from 'lucide-react';
import { memo, useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportState } from '../../../contract/ipc.js';
import { coffer, useCofferEvent } from '../coffer.js';
import { useFormat, type Formatters } from '../i18n/format.js';
import { useToasts } from '../ui/toasts.js';
import { canRetry, isActive, queueTotals, type ImportQueue, type QueueEntry } from './import-queue.js';
import './imports.css';

const ROW = 62;
const MAX_ROWS_SHOWN = 5;

/**
 * The import queue, bottom right, while there are jobs: each file with its progress, and the whole
 * queue's total. It alone listens to importProgress, so progress re-renders this panel and nothing else.
 */
export function ImportQueuePanel({ queue }: { queue: ImportQueue }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toasts = useToasts();
  const entries = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  useCofferEvent('importProgress', queue.apply);
  const [collapsed, setCollapsed] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 4,
    initialRect: { width: 0, height: ROW * MAX_ROWS_SHOWN },
  });
  const cancel = useCallback((jobId: string) => void coffer.cancelImport({ jobId }).catch(toasts.fail), [toasts.fail]);
  const retry = useCallback(
    (jobId: string) => void coffer.retryImport({ jobId }).then((job) => queue.replace(jobId, job), toasts.fail),
    [queue, toasts.fail],
  );
  if (entries.length === 0) return null;

  const totals = queueTotals(entries);
  const running = totals.active > 0;
  const finished = entries.length - entries.filter(isActive).length;
  const summary = [t('imports.total.files', { done: format.number(totals.done), count: totals.files, total: format.number(totals.files) })];
  if (totals.bytes > 0) summary.push(t('imports.bytes', { read: format.bytes(totals.bytesRead), total: format.bytes(totals.bytes) }));
  if (running && totals.rate > 0) summary.push(format.rate(totals.rate));
  if (running && totals.etaSeconds !== null) summary.push(t('imports.left', { time: format.duration(totals.etaSeconds) }));
  const fraction = totals.bytes > 0 ? totals.bytesRead / totals.bytes : totals.files > 0 ? totals.done / totals.files : 0;

  return (
    <section className={`import-panel card${collapsed ? ' import-panel-collapsed' : ''}`} aria-labelledby="import-panel-title">
      <header className="import-header">
        <div className="import-heading">
          <h2 id="import-panel-title">
            {running ? t('imports.title.running') : totals.failed > 0 ? t('imports.title.failed', { count: totals.failed }) : t('imports.title.finished')}
          </h2>
          <p className="import-total" aria-live="off">
            {summary.join(' · ')}
          </p>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-expanded={!collapsed}
          aria-controls="import-list"
          aria-label={collapsed ? t('imports.expand') : t('imports.collapse')}
          title={collapsed ? t('imports.expand') : t('imports.collapse')}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? <ChevronUp size={18} aria-hidden /> : <ChevronDown size={18} aria-hidden />}
        </button>
        {!running && (
          <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={queue.clearFinished}>
            <X size={18} aria-hidden />
          </button>
        )}
      </header>
      <progress className="progress import-total-progress" max={1} value={fraction} aria-label={t('imports.total.label')} />
      {!collapsed && (
        <>
          <div id="import-list" ref={scroller} className="import-list" style={{ maxHeight: ROW * MAX_ROWS_SHOWN }}>
            <ul className="virtual-space" style={{ height: virtualizer.getTotalSize() }} aria-label={t('imports.list')}>
              {virtualizer.getVirtualItems().map((row) => {
                const entry = entries[row.index]!;
                return <ImportRow key={entry.jobId} entry={entry} top={row.start} format={format} onCancel={cancel} onRetry={retry} />;
              })}
            </ul>
          </div>
          <footer className="import-footer">
            <button type="button" className="button button-small button-ghost" disabled={finished === 0} onClick={queue.clearFinished}>
              {t('imports.clearFinished')}
            </button>
            <button type="button" className="button button-small" disabled={!running} onClick={() => void coffer.cancelAllImports().catch(toasts.fail)}>
              {t('imports.cancelAll')}
            </button>
          </footer>
        </>
      )}
    </section>
  );
}

const STATE_ICONS: Record<ImportState, typeof Clock> = {
  queued: Clock,
  encrypting: LoaderCircle,
  uploading: LoaderCircle,
  done: CircleCheck,
  failed: CircleX,
  cancelled: Ban,
};

interface RowProps {
  entry: QueueEntry;
  top: number;
  format: Formatters;
  onCancel: (jobId: string) => void;
  onRetry: (jobId: string) => void;
}

/** One file of the queue; re-renders only when its own entry changes. */
const ImportRow = memo(function ImportRow({ entry, top, format, onCancel, onRetry }: RowProps) {
  const { t } = useTranslation();
  const Icon = STATE_ICONS[entry.state];
  const moving = entry.state === 'encrypting' || entry.state === 'uploading';
  const details: string[] = [];
  if (entry.state === 'failed' && entry.error) details.push(t(`errors.${entry.error.code}`));
  if (moving || (entry.state === 'queued' && entry.total > 0)) {
    if (entry.total > 0) details.push(t('imports.bytes', { read: format.bytes(entry.bytesRead), total: format.bytes(entry.total) }));
    if (moving && entry.rate > 0) details.push(format.rate(entry.rate));
    if (moving && entry.etaSeconds !== null) details.push(t('imports.left', { time: format.duration(entry.etaSeconds) }));
  }
  if (entry.state === 'done') details.push(format.bytes(entry.total));
  const name = entry.folder ? `${entry.folder}/${entry.name}` : entry.name;
  return (
    <li className={`import-row import-${entry.state}`} style={{ transform: `translateY(${top}px)`, height: ROW }}>
      <Icon size={18} aria-hidden className={`import-icon${moving ? ' spin' : ''}`} />
      <div className="import-body">
        <p className="import-name" title={name}>
          {entry.name}
          {entry.folder && <span className="import-folder"> — {entry.folder}</span>}
        </p>
        {moving || entry.state === 'queued' ? (
          <progress className="progress" max={1} value={entry.total > 0 ? entry.bytesRead / entry.total : 0} aria-label={t('imports.progressOf', { name: entry.name })} />
        ) : null}
        <p className="import-detail" title={[t(`imports.state.${entry.state}`), ...details].join(' · ')}>
          <span className="import-state">{t(`imports.state.${entry.state}`)}</span>
          {details.map((detail) => (
            <span key={detail}> · {detail}</span>
          ))}
        </p>
      </div>
      {isActive(entry) && (
        <button type="button" className="icon-button" aria-label={t('imports.cancelOne', { name: entry.name })} title={t('imports.cancelOne', { name: entry.name })} onClick={() => onCancel(entry.jobId)}>
          <X size={16} aria-hidden />
        </button>
      )}
      {canRetry(entry) && (
        <button type="button" className="icon-button" aria-label={t('imports.retryOne', { name: entry.name })} title={t('imports.retryOne', { name: entry.name })} onClick={() => onRetry(entry.jobId)}>
          <RotateCw size={16} aria-hidden />
        </button>
      )}
    </li>
  );
});
