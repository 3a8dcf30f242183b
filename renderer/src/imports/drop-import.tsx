import { Upload } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coffer } from '../coffer.js';
import { useToasts } from '../ui/toasts.js';
import type { ImportQueue } from './import-queue.js';
import './imports.css';

/** importDropped takes at most this many files per request (contract/ipc.ts); a bigger drop goes in turns. */
const BATCH = 1000;

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files and folders dropped anywhere on the window are imported: while something is dragged over
 * it, the whole window says so. Main walks dropped folders; the page only hands over the Files.
 */
export function DropImport({ queue }: { queue: ImportQueue }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed; the window is left when they balance.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      void (async () => {
        for (let start = 0; start < files.length; start += BATCH) {
          try {
            queue.enqueue(await coffer.importDropped(files.slice(start, start + BATCH)));
          } catch (error) {
            toasts.fail(error);
            return;
          }
        }
      })();
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [queue, toasts]);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" role="status">
      <div className="drop-target">
        <span className="drop-art" aria-hidden>
          <Upload size={34} strokeWidth={1.6} />
        </span>
        <p className="drop-title">{t('imports.drop.title')}</p>
        <p className="drop-body">{t('imports.drop.body')}</p>
      </div>
    </div>
  );
}
