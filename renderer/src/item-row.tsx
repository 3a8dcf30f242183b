import { useState, type FormEvent } from 'react';
import type { ItemSummaryView } from '../../contract/ipc.js';
import { call } from './call.js';
import { formatBytes } from './format.js';
import { isPlayable } from './player.js';

interface Props {
  item: ItemSummaryView;
  onPlay: (item: ItemSummaryView) => void;
  onExport: (item: ItemSummaryView) => void;
  onError: (error: unknown) => void;
}

/** One item: play, rename in place, export, delete (after confirmation). */
export function ItemRow({ item, onPlay, onExport, onError }: Props) {
  const [name, setName] = useState<string | null>(null);

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name === null) return;
    call(window.coffer.renameItem({ id: item.id, name })).then(() => setName(null), onError);
  };
  const remove = () => {
    if (window.confirm(`Delete “${item.name}” from the vault? This cannot be undone.`)) {
      call(window.coffer.deleteItem({ id: item.id })).catch(onError);
    }
  };

  return (
    <tr>
      <td>
        {name === null ? (
          item.name
        ) : (
          <form onSubmit={rename}>
            <input aria-label="New name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setName(null)}>
              Cancel
            </button>
          </form>
        )}
      </td>
      <td>{formatBytes(item.size)}</td>
      <td>{item.type}</td>
      <td>{new Date(item.added).toLocaleString()}</td>
      <td className="row-actions">
        {isPlayable(item) && (
          <button type="button" onClick={() => onPlay(item)}>
            Play
          </button>
        )}
        <button type="button" onClick={() => setName(item.name)}>
          Rename
        </button>
        <button type="button" onClick={() => onExport(item)}>
          Export
        </button>
        <button type="button" onClick={remove}>
          Delete
        </button>
      </td>
    </tr>
  );
}
