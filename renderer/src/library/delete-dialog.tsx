import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useErrorText } from '../i18n/error-text.js';
import { Modal } from '../ui/modal.js';

/** How many names the confirmation lists before "and N more". */
const NAMED = 5;

interface Props {
  items: readonly ItemSummaryView[];
  onClose: () => void;
  /** After the attempt, with the ids that are gone. */
  onDeleted: (ids: string[]) => void;
}

interface Failure {
  item: ItemSummaryView;
  error: unknown;
}

/**
 * Asks before deleting, naming what goes; then deletes one item at a time. Items that could not be
 * deleted stay listed with the reason, the others are gone.
 */
export function DeleteDialog({ items, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [progress, setProgress] = useState<number | null>(null);
  const [failures, setFailures] = useState<Failure[] | null>(null);

  const run = async () => {
    const failed: Failure[] = [];
    const deleted: string[] = [];
    for (const [index, item] of items.entries()) {
      setProgress(index);
      try {
        await coffer.deleteItem({ id: item.id });
        deleted.push(item.id);
      } catch (error) {
        failed.push({ item, error });
      }
    }
    onDeleted(deleted);
    if (failed.length === 0) onClose();
    else {
      setFailures(failed);
      setProgress(null);
    }
  };

  if (failures) {
    return (
      <Modal
        title={t('library.delete.failedTitle')}
        onClose={onClose}
        actions={
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        }
      >
        <p role="alert">{t('library.delete.failed', { count: items.length, failed: failures.length })}</p>
        <ul className="delete-names">
          {failures.map(({ item, error }) => (
            <li key={item.id}>
              <span className="delete-name">{item.name}</span>
              <span className="field-error">{errorText(error).sentence}</span>
            </li>
          ))}
        </ul>
      </Modal>
    );
  }

  const busy = progress !== null;
  return (
    <Modal
      title={items.length === 1 ? t('library.delete.titleOne', { name: items[0]!.name }) : t('library.delete.title', { count: items.length })}
      onClose={() => !busy && onClose()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={() => void run()} disabled={busy}>
            {busy ? t('library.delete.progress', { done: progress + 1, count: items.length }) : t('common.delete')}
          </button>
        </>
      }
    >
      {items.length > 1 && (
        <ul className="delete-names">
          {items.slice(0, NAMED).map((item) => (
            <li key={item.id} className="delete-name">
              {item.name}
            </li>
          ))}
          {items.length > NAMED && <li className="muted">{t('library.delete.more', { count: items.length - NAMED })}</li>}
        </ul>
      )}
      <p className="muted">{t('library.delete.warning', { count: items.length })}</p>
    </Modal>
  );
}
