import { useVirtualizer } from '@tanstack/react-virtual';
import { CircleCheck } from 'lucide-react';
import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { useFormat, type Formatters } from '../i18n/format.js';
import { modifiers, useItemNavigation, type ItemNavigation } from './item-keys.js';
import type { Modifiers } from './selection.js';
import { Thumbnail } from './thumbnail.js';
import { useElementWidth } from './use-element-width.js';

const MIN_TILE = 168;
const GAP = 16;
const PADDING = 24;
/** Name and size lines under the picture. */
const CAPTION = 54;

export interface GridLayout {
  columns: number;
  tile: number;
  rowHeight: number;
}

/** As many columns of at least MIN_TILE pixels as the width holds, stretched to fill it. */
export function gridLayout(width: number): GridLayout {
  const inner = Math.max(0, width - 2 * PADDING);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_TILE + GAP)));
  const tile = Math.max(MIN_TILE, (inner - GAP * (columns - 1)) / columns);
  return { columns, tile, rowHeight: Math.round(tile * 0.75 + CAPTION + GAP) };
}

export const itemElementId = (id: string) => `item-${id}`;

interface Props extends Omit<ItemNavigation, 'columns' | 'page' | 'reveal' | 'order'> {
  items: readonly ItemSummaryView[];
  order: readonly string[];
  labelledBy: string;
}

/** The items as tiles, virtualised by rows: only the rows on screen (and a few beyond) exist in the page. */
export function ItemGrid({ items, order, selection, onSelection, onOpen, onDeleteRequest, labelledBy }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller);
  const layout = gridLayout(width);
  const rows = Math.ceil(items.length / layout.columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => layout.rowHeight,
    overscan: 2,
    paddingStart: 4,
    paddingEnd: PADDING,
    initialRect: { width: 0, height: 800 },
  });
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, layout.rowHeight]);
  const visibleRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / layout.rowHeight));
  const handlers = useItemNavigation({
    order,
    selection,
    onSelection,
    onOpen,
    onDeleteRequest,
    columns: layout.columns,
    page: layout.columns * visibleRows,
    reveal: (index) => virtualizer.scrollToIndex(Math.floor(index / layout.columns), { align: 'auto' }),
  });
  const focused = selection.focus;
  // Looked up here once, not in each of the dozens of tiles a fast scroll mounts every frame.
  const { t } = useTranslation();
  const format = useFormat();
  const checkLabel = t('library.select.toggle');
  return (
    <div
      ref={scroller}
      className="item-grid"
      role="listbox"
      aria-multiselectable
      aria-labelledby={labelledBy}
      aria-activedescendant={focused !== null ? itemElementId(focused) : undefined}
      tabIndex={0}
      onKeyDown={handlers.onKeyDown}
    >
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="grid-row"
            role="presentation"
            style={{ transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`, height: layout.rowHeight - GAP }}
          >
            {items.slice(row.index * layout.columns, (row.index + 1) * layout.columns).map((item, column) => (
              <Tile
                key={item.id}
                item={item}
                position={row.index * layout.columns + column + 1}
                count={items.length}
                selected={selection.ids.has(item.id)}
                focused={focused === item.id}
                onClick={handlers.onItemClick}
                onOpen={handlers.onItemOpen}
                format={format}
                checkLabel={checkLabel}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

interface TileProps {
  item: ItemSummaryView;
  position: number;
  count: number;
  selected: boolean;
  focused: boolean;
  onClick: (id: string, mods: Modifiers) => void;
  onOpen: (id: string) => void;
  format: Formatters;
  checkLabel: string;
}

const Tile = memo(function Tile({ item, position, count, selected, focused, onClick, onOpen, format, checkLabel }: TileProps) {
  return (
    <div
      id={itemElementId(item.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={count}
      className={`tile${focused ? ' tile-focused' : ''}`}
      data-tile=""
      onClick={(event) => onClick(item.id, modifiers(event))}
      onDoubleClick={() => onOpen(item.id)}
    >
      <Thumbnail item={item} />
      <span
        className="tile-check"
        aria-hidden
        title={checkLabel}
        onClick={(event) => {
          event.stopPropagation();
          onClick(item.id, { toggle: true, range: event.shiftKey });
        }}
      >
        <CircleCheck size={20} />
      </span>
      <span className="tile-name" title={item.name}>
        {item.name}
      </span>
      <span className="tile-meta">
        {format.bytes(item.size)}
        <span aria-hidden> · </span>
        <time dateTime={item.added} title={format.date(item.added)}>
          {format.relative(item.added)}
        </time>
      </span>
    </div>
  );
});
