import { Download, Pencil, Trash2, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';

interface Props {
  count: number;
  onExport: () => void;
  onRename: () => void;
  onDelete: () => void;
  onClear: () => void;
}

/** What can be done with the selected items; it takes the place of the heading while anything is selected. */
export function SelectionBar({ count, onExport, onRename, onDelete, onClear }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="selection-bar" role="region" aria-label={t('library.selection.label')}>
      <button type="button" className="icon-button" aria-label={t('library.selection.clear')} title={t('library.selection.clear')} onClick={onClear}>
        <X size={16} aria-hidden />
      </button>
      <p className="selection-count" aria-live="polite">
        {t('library.selection.count', { count, number: format.number(count) })}
      </p>
      <div className="selection-actions">
        <button type="button" className="button button-small" onClick={onExport}>
          <Download size={15} aria-hidden />
          {t('library.selection.export')}
        </button>
        <button type="button" className="button button-small" onClick={onRename} disabled={count !== 1}>
          <Pencil size={15} aria-hidden />
          {t('common.rename')}
        </button>
        <button type="button" className="button button-small selection-delete" onClick={onDelete}>
          <Trash2 size={15} aria-hidden />
          {t('common.delete')}
        </button>
      </div>
    </div>
  );
}
