import { ArrowDownWideNarrow, ArrowUpNarrowWide, FolderPlus, LayoutGrid, List, Lock, Plus, Search, Settings, X } from 'lucide-react';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SORT_KEYS, type Sort, type SortKey } from './library-model.js';

export type View = 'grid' | 'list';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
  view: View;
  onView: (view: View) => void;
  /** False while the vault is empty: the empty state offers the add buttons itself. */
  showControls: boolean;
  onAddFiles: () => void;
  onAddFolder: () => void;
  onOpenSettings: () => void;
  onLock: () => void;
}

/** Search, order and view of the items, the ways to add more, and the vault's own actions. */
export const Toolbar = memo(function Toolbar(props: Props) {
  const { t } = useTranslation();
  const { query, onQuery, sort, onSort, view, onView, showControls } = props;
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && search.current) {
        event.preventDefault();
        search.current.focus();
        search.current.select();
      }
    };
    window.addEventListener('keydown', focusSearch);
    return () => window.removeEventListener('keydown', focusSearch);
  }, []);
  const ascending = sort.direction === 'asc';
  return (
    <div className="toolbar" role="toolbar" aria-label={t('library.toolbar.label')}>
      {showControls && (
        <>
          <div className="search">
            <Search size={16} aria-hidden className="search-icon" />
            <input
              ref={search}
              type="search"
              className="input search-input"
              aria-label={t('library.search.label')}
              placeholder={t('library.search.placeholder')}
              title={t('library.search.hint')}
              value={query}
              onChange={(event) => onQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && query) {
                  event.preventDefault();
                  onQuery('');
                }
              }}
            />
            {query && (
              <button type="button" className="icon-button search-clear" aria-label={t('library.search.clear')} title={t('library.search.clear')} onClick={() => onQuery('')}>
                <X size={14} aria-hidden />
              </button>
            )}
          </div>
          <div className="toolbar-group">
            <label className="visually-hidden" htmlFor="library-sort">
              {t('library.sort.label')}
            </label>
            <select id="library-sort" className="select sort-select" value={sort.key} onChange={(event) => onSort({ ...sort, key: event.target.value as SortKey })}>
              {SORT_KEYS.map((key) => (
                <option key={key} value={key}>
                  {t(`library.sort.${key}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon-button"
              aria-label={ascending ? t('library.sort.ascending') : t('library.sort.descending')}
              title={ascending ? t('library.sort.ascending') : t('library.sort.descending')}
              onClick={() => onSort({ ...sort, direction: ascending ? 'desc' : 'asc' })}
            >
              {ascending ? <ArrowUpNarrowWide size={17} aria-hidden /> : <ArrowDownWideNarrow size={17} aria-hidden />}
            </button>
          </div>
          <fieldset className="segmented view-toggle">
            <legend className="visually-hidden">{t('library.view.label')}</legend>
            {(['grid', 'list'] as const).map((each) => (
              <label key={each} title={t(`library.view.${each}`)}>
                <input type="radio" name="library-view" value={each} checked={view === each} onChange={() => onView(each)} />
                {each === 'grid' ? <LayoutGrid size={16} aria-hidden /> : <List size={16} aria-hidden />}
                <span className="visually-hidden">{t(`library.view.${each}`)}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
      <div className="toolbar-end">
        {showControls && (
          <>
            <button type="button" className="button button-primary" onClick={props.onAddFiles}>
              <Plus size={16} aria-hidden />
              <span className="toolbar-text">{t('library.add.files')}</span>
            </button>
            <button type="button" className="button" onClick={props.onAddFolder}>
              <FolderPlus size={16} aria-hidden />
              <span className="toolbar-text">{t('library.add.folder')}</span>
            </button>
            <span className="toolbar-divider" aria-hidden />
          </>
        )}
        <button type="button" className="icon-button" aria-label={t('library.settings')} title={t('library.settings')} onClick={props.onOpenSettings}>
          <Settings size={18} aria-hidden />
        </button>
        <button type="button" className="icon-button" aria-label={t('library.lock')} title={t('library.lock')} onClick={props.onLock}>
          <Lock size={18} aria-hidden />
        </button>
      </div>
    </div>
  );
});
