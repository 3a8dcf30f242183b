import { useCallback, useEffect, useState, type DragEvent } from 'react';
import type { ItemSummaryView, UnlockResult } from '../../contract/ipc.js';
import { call, errorText } from './call.js';
import { formatBytes } from './format.js';
import { ImportList } from './import-list.js';
import { ItemRow } from './item-row.js';
import { Player } from './player.js';
import { SettingsPanel } from './settings-panel.js';
import { useImports } from './use-imports.js';

interface Props {
  secretsNotStored: UnlockResult['secretsNotStored'];
  onDismissSecretsNotice: () => void;
}

/** The unlocked vault: its items, a drop target for imports, the player and settings. */
export function LibraryScreen({ secretsNotStored, onDismissSecretsNotice }: Props) {
  const [items, setItems] = useState<ItemSummaryView[]>([]);
  const [playing, setPlaying] = useState<{ item: ItemSummaryView; url: string } | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [imports, clearFinished] = useImports();
  const fail = (error: unknown) => setMessage(errorText(error));

  const reload = useCallback(() => {
    call(window.coffer.listItems()).then(setItems, (e: unknown) => setMessage(errorText(e)));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => window.coffer.onCatalogChanged(reload), [reload]);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    if (files.length > 0) call(window.coffer.importDropped(files)).catch(fail);
  };
  const play = (item: ItemSummaryView) =>
    call(window.coffer.mediaUrl({ id: item.id })).then(({ url }) => setPlaying({ item, url }), fail);
  const exportItem = (item: ItemSummaryView) =>
    call(window.coffer.exportItem({ id: item.id })).then(({ path }) => path && setMessage(`Exported to ${path}`), fail);

  const total = items.reduce((sum, item) => sum + item.size, 0);
  return (
    <main className="library" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
      <header className="toolbar">
        <h1>Coffer</h1>
        <span className="summary">
          {items.length} items · {formatBytes(total)}
        </span>
        <button type="button" onClick={() => void call(window.coffer.addFiles()).catch(fail)}>
          Add files…
        </button>
        <button type="button" onClick={() => setShowSettings(!showSettings)}>
          Settings
        </button>
        <button type="button" onClick={() => void call(window.coffer.lock()).catch(fail)}>
          Lock
        </button>
      </header>
      {secretsNotStored && (
        <p className="banner" role="alert">
          Coffer did not save your secrets on this device:{' '}
          {secretsNotStored === 'basic-text'
            ? 'no system keyring answered, and without one Electron would only obscure them with a fixed key.'
            : 'your system’s encrypted storage is not available or did not accept them.'}{' '}
          You will need to type them again next time.{' '}
          <a href="https://www.electronjs.org/docs/latest/api/safe-storage" target="_blank" rel="noreferrer">
            Why?
          </a>{' '}
          <button type="button" onClick={onDismissSecretsNotice}>
            OK
          </button>
        </p>
      )}
      {message && (
        <p className="banner" role="status" onClick={() => setMessage(null)}>
          {message}
        </p>
      )}
      {showSettings && <SettingsPanel onClose={() => setShowSettings(false)} />}
      {playing && <Player item={playing.item} url={playing.url} onClose={() => setPlaying(null)} />}
      <ImportList rows={imports} onClear={clearFinished} onError={setMessage} />
      {items.length === 0 ? (
        <p className="drop-hint">Drop files here, or use “Add files…”, to encrypt them into the vault.</p>
      ) : (
        <table className="items">
          <thead>
            <tr>
              <th>Name</th>
              <th>Size</th>
              <th>Type</th>
              <th>Added</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRow key={item.id} item={item} onPlay={play} onExport={exportItem} onError={fail} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
