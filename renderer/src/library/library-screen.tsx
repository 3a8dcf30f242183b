import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView, UnlockResult, VaultStatus } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useFormat } from '../i18n/format.js';
import { DropImport } from '../imports/drop-import.js';
import { ImportQueue } from '../imports/import-queue.js';
import { ImportQueuePanel } from '../imports/import-queue-panel.js';
import { useToasts } from '../ui/toasts.js';
import { Viewer } from '../viewer/viewer.js';
import { DeleteDialog } from './delete-dialog.js';
import { EmptyVault, NoMatches } from './empty-states.js';
import { ItemGrid, itemElementId } from './item-grid.js';
import { ItemList } from './item-list.js';
import type { Kind } from './kinds.js';
import { folderTree, kindCounts, nameCollator, shownItems, type Filter, type Sort } from './library-model.js';
import { MediaUrls, MediaUrlsContext } from './media-urls.js';
import { AnomaliesBanner, SecretsNotice } from './notices.js';
import { RenameDialog } from './rename-dialog.js';
import { SelectionBar } from './selection-bar.js';
import { noSelection, prune, type Selection } from './selection.js';
import { Sidebar } from './sidebar.js';
import { Toolbar, type View } from './toolbar.js';
import { useLibraryData } from './use-library-data.js';
import './library.css';

interface Props {
  status: VaultStatus;
  secretsNotStored: UnlockResult['secretsNotStored'];
  onDismissSecretsNotice: () => void;
  onOpenSettings: () => void;
}

/** exportItems takes at most this many ids (contract/ipc.ts). */
const MAX_EXPORT_BATCH = 1000;

type Dialog = { kind: 'rename'; item: ItemSummaryView } | { kind: 'delete'; items: ItemSummaryView[] } | null;

/** The unlocked vault: sidebar, toolbar and the items, with imports, the viewer and the dialogs over them. */
export function LibraryScreen({ status, secretsNotStored, onDismissSecretsNotice, onOpenSettings }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const toasts = useToasts();
  const { items, usage, error, reload } = useLibraryData();
  const [queue] = useState(() => new ImportQueue());
  const [mediaUrls] = useState(() => new MediaUrls());
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [folder, setFolder] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'added', direction: 'desc' });
  const [view, setView] = useState<View>('grid');
  const [selection, setSelection] = useState<Selection>(noSelection);
  const [viewing, setViewing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [anomaliesDismissed, setAnomaliesDismissed] = useState(false);
  const items$ = useRef<HTMLDivElement>(null);

  // Typing stays instant with thousands of items: the list catches up a moment later.
  const deferredQuery = useDeferredValue(query);
  const collator = useMemo(() => nameCollator(i18n.language), [i18n.language]);
  const all = useMemo(() => items ?? [], [items]);
  const filter: Filter = useMemo(() => ({ kind, folder, query: deferredQuery }), [kind, folder, deferredQuery]);
  const shown = useMemo(() => shownItems(all, filter, sort, collator), [all, filter, sort, collator]);
  const order = useMemo(() => shown.map((item) => item.id), [shown]);
  const counts = useMemo(() => kindCounts(all), [all]);
  const folders = useMemo(() => folderTree(all, collator), [all, collator]);
  useEffect(() => setSelection((current) => prune(current, order)), [order]);
  // A folder that emptied (its items deleted or renamed away) stops filtering.
  useEffect(() => {
    if (folder !== null && items && !items.some((item) => item.folder === folder || item.folder.startsWith(`${folder}/`))) setFolder(null);
  }, [items, folder]);

  const byId = useMemo(() => new Map(all.map((item) => [item.id, item])), [all]);
  const selected = useMemo(() => order.filter((id) => selection.ids.has(id)).map((id) => byId.get(id)!), [order, selection.ids, byId]);

  const addFiles = useCallback(() => void coffer.addFiles().then(queue.enqueue, toasts.fail), [queue, toasts.fail]);
  const addFolder = useCallback(() => void coffer.addFolder().then(queue.enqueue, toasts.fail), [queue, toasts.fail]);
  const lock = useCallback(() => void coffer.lock().catch(toasts.fail), [toasts.fail]);
  const resetFilters = useCallback(() => {
    setKind('all');
    setFolder(null);
    setQuery('');
  }, []);

  const exportSelected = async () => {
    try {
      if (selected.length === 1) {
        const { path } = await coffer.exportItem({ id: selected[0]!.id });
        if (path) toasts.notify(t('library.export.doneOne', { path }), 'success');
      } else if (selected.length > MAX_EXPORT_BATCH) {
        toasts.notify(t('library.export.tooMany', { max: format.number(MAX_EXPORT_BATCH) }));
      } else {
        const { folder: into, written } = await coffer.exportItems({ ids: selected.map((item) => item.id) });
        if (into) toasts.notify(t('library.export.done', { count: written, folder: into }), 'success');
      }
    } catch (failure) {
      toasts.fail(failure);
    }
  };
  const askDelete = useCallback(() => selected.length > 0 && setDialog({ kind: 'delete', items: selected }), [selected]);
  const closeViewer = useCallback(() => {
    const last = viewing;
    setViewing(null);
    // Back where the user was: the item they last looked at focused in the list.
    requestAnimationFrame(() => {
      items$.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
      if (last) document.getElementById(itemElementId(last))?.scrollIntoView?.({ block: 'nearest' });
    });
    if (last) setSelection({ ids: new Set([last]), anchor: last, focus: last });
  }, [viewing]);

  const headingId = 'library-heading';
  const heading = folder !== null ? folder.split('/').at(-1)! : t(`kinds.group.${kind}`);
  const anomalies = status.anomalies ?? [];

  let content;
  if (items === null) {
    content = error ? (
      <div className="empty-state">
        <p role="alert">{t('library.loadFailed')}</p>
        <button type="button" className="button" onClick={reload}>
          {t('common.retry')}
        </button>
      </div>
    ) : (
      <p className="centered">{t('common.loading')}</p>
    );
  } else if (items.length === 0) {
    content = <EmptyVault onAddFiles={addFiles} onAddFolder={addFolder} />;
  } else if (shown.length === 0) {
    content = <NoMatches query={deferredQuery.trim()} onReset={resetFilters} />;
  } else {
    const shared = { items: shown, order, selection, onSelection: setSelection, onOpen: setViewing, onDeleteRequest: askDelete, labelledBy: headingId };
    content = view === 'grid' ? <ItemGrid {...shared} /> : <ItemList {...shared} sort={sort} onSort={setSort} />;
  }

  return (
    <MediaUrlsContext.Provider value={mediaUrls}>
      <div className="library" inert={viewing !== null}>
        <Sidebar
          kind={kind}
          folder={folder}
          counts={counts}
          folders={folders}
          usage={usage}
          location={status.location}
          onKind={setKind}
          onFolder={setFolder}
        />
        <main className="library-main">
          <Toolbar
            query={query}
            onQuery={setQuery}
            sort={sort}
            onSort={setSort}
            view={view}
            onView={setView}
            showControls={items !== null && items.length > 0}
            onAddFiles={addFiles}
            onAddFolder={addFolder}
            onOpenSettings={onOpenSettings}
            onLock={lock}
          />
          {(secretsNotStored || (anomalies.length > 0 && !anomaliesDismissed)) && (
            <div className="banners">
              {secretsNotStored && <SecretsNotice reason={secretsNotStored} onDismiss={onDismissSecretsNotice} />}
              {anomalies.length > 0 && !anomaliesDismissed && <AnomaliesBanner anomalies={anomalies} onDismiss={() => setAnomaliesDismissed(true)} />}
            </div>
          )}
          {items !== null && items.length > 0 && (
            <header className="content-header">
              {selected.length > 0 ? (
                <>
                <h1 id={headingId} className="visually-hidden">
                  {heading}
                </h1>
                <SelectionBar
                  count={selected.length}
                  onExport={() => void exportSelected()}
                  onRename={() => selected.length === 1 && setDialog({ kind: 'rename', item: selected[0]! })}
                  onDelete={askDelete}
                  onClear={() => setSelection({ ...noSelection, focus: selection.focus })}
                />
                </>
              ) : (
                <div className="content-title">
                  <h1 id={headingId}>{heading}</h1>
                  <p className="muted">
                    {deferredQuery.trim()
                      ? t('library.count.results', { count: shown.length, number: format.number(shown.length) })
                      : t('library.count.items', { count: shown.length, number: format.number(shown.length) })}
                  </p>
                </div>
              )}
            </header>
          )}
          <div className="library-items" ref={items$}>
            {content}
          </div>
        </main>
      </div>
      <div inert={viewing !== null}>
        <DropImport queue={queue} />
        <ImportQueuePanel queue={queue} />
      </div>
      {viewing !== null && <Viewer items={shown} id={viewing} onNavigate={setViewing} onClose={closeViewer} />}
      {dialog?.kind === 'rename' && (
        <RenameDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onRenamed={(item) => {
            setDialog(null);
            toasts.notify(t('library.rename.done', { name: item.name }), 'success');
            reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDialog
          items={dialog.items}
          onClose={() => setDialog(null)}
          onDeleted={(ids) => {
            if (ids.length > 0) reload();
            setSelection((current) => prune(current, order.filter((id) => !ids.includes(id))));
          }}
        />
      )}
    </MediaUrlsContext.Provider>
  );
}
