import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { useFormat } from '../i18n/format.js';
import { KindIcon } from '../library/kind-icon.js';
import { kindOf } from '../library/kinds.js';

/** What Coffer cannot show in the window (PDF, archives, HEIC…): what it is, and how to open it. */
export function ExportPanel({ item, onExport }: { item: ItemSummaryView; onExport: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kind = kindOf(item.type);
  return (
    <div className="export-panel card">
      <div className={`export-art thumb-${kind}`} aria-hidden>
        <KindIcon kind={kind} size={40} />
      </div>
      <h2 className="export-name">{item.name}</h2>
      <dl className="export-facts">
        <dt>{t('viewer.info.type')}</dt>
        <dd>{item.type || t('viewer.info.unknownType')}</dd>
        <dt>{t('viewer.info.size')}</dt>
        <dd>{format.bytes(item.size)}</dd>
        <dt>{t('viewer.info.added')}</dt>
        <dd>{format.date(item.added)}</dd>
        {item.folder && (
          <>
            <dt>{t('viewer.info.folder')}</dt>
            <dd>{item.folder}</dd>
          </>
        )}
      </dl>
      <p className="muted">{t('viewer.exportHint')}</p>
      <button type="button" className="button button-primary" onClick={onExport}>
        <Download size={16} aria-hidden />
        {t('viewer.exportToOpen')}
      </button>
    </div>
  );
}
