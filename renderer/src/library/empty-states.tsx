import { FolderPlus, Plus, SearchX, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** A vault with nothing in it: what to do, and the two ways to do it besides dropping. */
export function EmptyVault({ onAddFiles, onAddFolder }: { onAddFiles: () => void; onAddFolder: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <div className="empty-art" aria-hidden>
        <Upload size={30} strokeWidth={1.6} />
      </div>
      <h2>{t('library.empty.title')}</h2>
      <p className="muted">{t('library.empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={onAddFiles}>
          <Plus size={16} aria-hidden />
          {t('library.add.files')}
        </button>
        <button type="button" className="button" onClick={onAddFolder}>
          <FolderPlus size={16} aria-hidden />
          {t('library.add.folder')}
        </button>
      </div>
      <p className="small muted empty-footnote">{t('library.empty.footnote')}</p>
    </div>
  );
}

/** Filters or a search that leave nothing: say so, and offer the way back. */
export function NoMatches({ query, onReset }: { query: string; onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <div className="empty-art empty-art-quiet" aria-hidden>
        <SearchX size={28} strokeWidth={1.6} />
      </div>
      <h2>{query ? t('library.noMatches.titleQuery', { query }) : t('library.noMatches.title')}</h2>
      <p className="muted">{t('library.noMatches.body')}</p>
      <div className="empty-actions">
        <button type="button" className="button" onClick={onReset}>
          {t('library.noMatches.reset')}
        </button>
      </div>
    </div>
  );
}
