import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { useFormat, type Formatters } from '../i18n/format.js';
import { itemElementId } from './item-grid.js';
import { modifiers, useItemNavigation, type ItemNavigation } from './item-keys.js';
import { KindIcon } from './kind-icon.js';
import { KINDS, kindOf, type Kind } from './kinds.js';
import type { Sort, SortKey } from './library-model.js';
import type { Modifiers } from './selection.js';

const ROW = 40;
const HEADER = 36;

interface Props extends Omit<ItemNavigation, 'columns' | 'page' | 'reveal'> {
  items: readonly ItemSummaryView[];
  labelledBy: string;
  sort: Sort;
  onSort: (sort: Sort) => void;
}

const COLUMNS: { key: SortKey | 'folder'; label: string }[] = [
  { key: 'name', label: 'library.columns.name' },
  { key: 'folder', label: 'library.columns.folder' },
  { key: 'kind', label: 'library.columns.kind' },
  { key: 'size', label: 'library.columns.size' },
  { key: 'added', label: 'library.columns.added' },
];

/** The items as a table, virtualised by rows; the column headers sort. */
export function ItemList({ items, order, selection, onSelection, onOpen, onDeleteRequest, labelledBy, sort, onSort }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
    paddingStart: HEADER,
    paddingEnd: 16,
    scrollPaddingStart: HEADER,
    initialRect: { width: 0, height: 800 },
  });
  const handlers = useItemNavigation({
    order,
    selection,
    onSelection,
    onOpen,
    onDeleteRequest,
    columns: 1,
    page: Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 0) - HEADER) / ROW) - 1),
    reveal: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  });
  const focused = selection.focus;
  // Looked up here once, not in each of the dozens of rows a fast scroll mounts every frame.
  const format = useFormat();
  const kindNames = useMemo(() => Object.fromEntries(KINDS.map((kind) => [kind, t(`kinds.name.${kind}`)])) as Record<Kind, string>, [t]);
  return (
    <div
      ref={scroller}
      className="item-list"
      role="grid"
      aria-multiselectable
      aria-labelledby={labelledBy}
      aria-rowcount={items.length + 1}
      aria-activedescendant={focused !== null ? itemElementId(focused) : undefined}
      tabIndex={0}
      onKeyDown={handlers.onKeyDown}
    >
      <div className="list-row list-header" role="row" aria-rowindex={1}>
        {COLUMNS.map(({ key, label }) => {
          if (key === 'folder') {
            return (
              <div key={key} role="columnheader" className="list-cell">
                {t(label)}
              </div>
            );
          }
          const active = sort.key === key;
          return (
            <div key={key} role="columnheader" className={`list-cell list-cell-${key}`} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button
                type="button"
                className="list-sort"
                tabIndex={-1}
                onClick={() => onSort({ key, direction: active ? (sort.direction === 'asc' ? 'desc' : 'asc') : key === 'name' || key === 'kind' ? 'asc' : 'desc' })}
              >
                {t(label)}
                {active && (sort.direction === 'asc' ? <ArrowUp size={13} aria-hidden /> : <ArrowDown size={13} aria-hidden />)}
              </button>
            </div>
          );
        })}
      </div>
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() - HEADER }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          return (
            <Row
              key={item.id}
              item={item}
              index={row.index}
              top={row.start - HEADER}
              selected={selection.ids.has(item.id)}
              focused={focused === item.id}
              onClick={handlers.onItemClick}
              onOpen={handlers.onItemOpen}
              format={format}
              kindNames={kindNames}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  item: ItemSummaryView;
  index: number;
  top: number;
  selected: boolean;
  focused: boolean;
  onClick: (id: string, mods: Modifiers) => void;
  onOpen: (id: string) => void;
  format: Formatters;
  kindNames: Record<Kind, string>;
}

const Row = memo(function Row({ item, index, top, selected, focused, onClick, onOpen, format, kindNames }: RowProps) {
  const kind = kindOf(item.type);
  return (
    <div
      id={itemElementId(item.id)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`list-row list-item${focused ? ' list-item-focused' : ''}`}
      data-tile=""
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => onClick(item.id, modifiers(event))}
      onDoubleClick={() => onOpen(item.id)}
    >
      <div role="gridcell" className="list-cell list-cell-name">
        <span className={`list-kind-icon thumb-${kind}`}>
          <KindIcon kind={kind} size={15} />
        </span>
        <span className="list-name" title={item.name}>
          {item.name}
        </span>
      </div>
      <div role="gridcell" className="list-cell list-muted" title={item.folder}>
        {item.folder}
      </div>
      <div role="gridcell" className="list-cell list-muted" title={item.type}>
        {kindNames[kind]}
      </div>
      <div role="gridcell" className="list-cell list-cell-size list-muted">
        {format.bytes(item.size)}
      </div>
      <div role="gridcell" className="list-cell list-muted">
        <time dateTime={item.added} title={format.date(item.added)}>
          {format.relative(item.added)}
        </time>
      </div>
    </div>
  );
});
