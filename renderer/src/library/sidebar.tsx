import { ChevronRight, Folder, FolderOpen, LayoutGrid, Vault } from 'lucide-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView, VaultUsage } from '../../../contract/ipc.js';
import { useFormat } from '../i18n/format.js';
import { KindIcon } from './kind-icon.js';
import { KINDS, type Kind } from './kinds.js';
import { ancestors, type FolderNode } from './library-model.js';

interface Props {
  kind: Kind | 'all';
  folder: string | null;
  counts: Record<Kind | 'all', number>;
  folders: FolderNode[];
  usage: VaultUsage | null;
  location: LocationView;
  onKind: (kind: Kind | 'all') => void;
  onFolder: (folder: string | null) => void;
}

/** Where the user narrows the library: by kind, by folder; and how much the vault holds. */
export const Sidebar = memo(function Sidebar({ kind, folder, counts, folders, usage, location, onKind, onFolder }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <span className="brand-mark">
          <Vault size={18} aria-hidden />
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <nav className="sidebar-scroll" aria-label={t('library.sidebar.label')}>
        <h2 className="sidebar-heading" id="sidebar-kinds">
          {t('library.sidebar.library')}
        </h2>
        <ul className="sidebar-list" aria-labelledby="sidebar-kinds">
          {(['all', ...KINDS] as const).map((each) => (
            <li key={each}>
              <button type="button" className="sidebar-item" aria-pressed={kind === each} onClick={() => onKind(each)}>
                {each === 'all' ? <LayoutGrid size={16} aria-hidden strokeWidth={1.75} /> : <KindIcon kind={each} />}
                <span className="sidebar-label">{t(`kinds.group.${each}`)}</span>
                <span className="sidebar-count">{format.number(counts[each])}</span>
              </button>
            </li>
          ))}
        </ul>
        {folders.length > 0 && (
          <>
            <h2 className="sidebar-heading" id="sidebar-folders">
              {t('library.sidebar.folders')}
            </h2>
            <FolderTree nodes={folders} selected={folder} onSelect={onFolder} labelledBy="sidebar-folders" />
          </>
        )}
      </nav>
      <footer className="sidebar-usage">
        {usage && (
          <>
            <p className="usage-main">{t('library.usage.items', { count: usage.items, number: format.number(usage.items), bytes: format.bytes(usage.bytes) })}</p>
            <p className="usage-stored">{t('library.usage.stored', { bytes: format.bytes(usage.storedBytes) })}</p>
          </>
        )}
        <p className="usage-location" title={locationText(location)}>
          {locationText(location)}
        </p>
      </footer>
    </aside>
  );
});

function locationText(location: LocationView): string {
  if (location.kind === 'folder') return location.path;
  return `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
}

interface TreeProps {
  nodes: FolderNode[];
  selected: string | null;
  onSelect: (folder: string | null) => void;
  labelledBy: string;
}

/** Folders as a tree of buttons; a folder with folders inside opens with its chevron. Clicking the chosen folder again shows all items. */
function FolderTree({ nodes, selected, onSelect, labelledBy }: TreeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const expanded = new Set([...open, ...(selected ? ancestors(selected) : [])]);
  const toggle = (path: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (expanded.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const render = (list: FolderNode[], depth: number) =>
    list.map((node) => {
      const isOpen = expanded.has(node.path);
      const isSelected = selected === node.path;
      return (
        <li key={node.path}>
          <div className="folder-row" style={{ paddingInlineStart: depth * 14 }}>
            {node.children.length > 0 ? (
              <button
                type="button"
                className={`folder-toggle${isOpen ? ' folder-toggle-open' : ''}`}
                aria-expanded={isOpen}
                aria-label={t('library.sidebar.subfolders', { name: node.name })}
                title={t('library.sidebar.subfolders', { name: node.name })}
                onClick={() => toggle(node.path)}
              >
                <ChevronRight size={14} aria-hidden />
              </button>
            ) : (
              <span className="folder-toggle-space" />
            )}
            <button type="button" className="sidebar-item folder-item" aria-pressed={isSelected} title={node.path} onClick={() => onSelect(isSelected ? null : node.path)}>
              {isSelected ? <FolderOpen size={16} aria-hidden strokeWidth={1.75} /> : <Folder size={16} aria-hidden strokeWidth={1.75} />}
              <span className="sidebar-label">{node.name}</span>
              <span className="sidebar-count">{format.number(node.count)}</span>
            </button>
          </div>
          {isOpen && node.children.length > 0 && <ul className="sidebar-list">{render(node.children, depth + 1)}</ul>}
        </li>
      );
    });
  return (
    <ul className="sidebar-list" aria-labelledby={labelledBy}>
      {render(nodes, 0)}
    </ul>
  );
}
