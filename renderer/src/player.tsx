import type { ItemSummaryView } from '../../contract/ipc.js';

/** Plays an item from its vault:// URL; the browser's own controls seek with Range requests. */
export function Player({ item, url, onClose }: { item: ItemSummaryView; url: string; onClose: () => void }) {
  return (
    <section className="player" aria-label={`Playing ${item.name}`}>
      <header>
        <h2>{item.name}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {item.type.startsWith('audio/') ? <audio src={url} controls autoPlay /> : <video src={url} controls autoPlay />}
    </section>
  );
}

/** Whether the player can show this item. */
export function isPlayable(item: ItemSummaryView): boolean {
  return item.type.startsWith('video/') || item.type.startsWith('audio/');
}
