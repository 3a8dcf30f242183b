import { ChevronLeft, ChevronRight, Download, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput, ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useErrorText } from '../i18n/error-text.js';
import { useFormat } from '../i18n/format.js';
import { useToasts } from '../ui/toasts.js';
import { ExportPanel } from './export-panel.js';
import { MediaPlayer } from './media-player.js';
import { PhotoView } from './photo-view.js';
import { TextView } from './text-view.js';
import { keyBelongsToControl, ViewerKeysContext, type ViewerKeys } from './viewer-keys.js';
import { viewerKindOf } from './viewer-kind.js';
import { ViewerRootContext } from './viewer-root.js';
import './viewer.css';

interface Props {
  /** The items as the library shows them: previous and next follow this order. */
  items: readonly ItemSummaryView[];
  id: string;
  onNavigate: (id: string) => void;
  onClose: () => void;
}

/**
 * One full-window viewer for every kind: plays video and audio, shows photos and text, and offers
 * the rest for export. Nothing is fetched or written by the page: media plays from its vault:// URL.
 */
export function Viewer({ items, id, onNavigate, onClose }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const toasts = useToasts();
  const root = useRef<HTMLDivElement>(null);
  const [keys] = useState<ViewerKeys>(() => ({ handler: { current: null } }));
  const index = items.findIndex((each) => each.id === id);
  const item = items[index];
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[index + 1] : undefined;

  useEffect(() => root.current?.focus(), []);
  // The viewer keeps the keyboard: when the focused control goes away (the item changed, a button
  // turned disabled at the last item), focus comes back to the viewer instead of the page's body.
  useEffect(() => {
    const focused = document.activeElement;
    if (focused === null || focused === document.body || (focused instanceof HTMLButtonElement && focused.disabled)) root.current?.focus();
  });
  // Deleted or filtered away meanwhile: nothing left to show.
  useEffect(() => {
    if (index < 0) onClose();
  }, [index, onClose]);
  if (!item) return null;

  const exportItem = () =>
    void coffer.exportItem({ id: item.id }).then(({ path }) => path && toasts.notify(t('viewer.saved', { path }), 'success'), toasts.fail);
  const close = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (keyBelongsToControl(event)) return;
    if (keys.handler.current?.(event)) {
      event.preventDefault();
      return;
    }
    if ((event.key === 'PageUp' || event.key === ',') && previous) onNavigate(previous.id);
    else if ((event.key === 'PageDown' || event.key === '.') && next) onNavigate(next.id);
    else if (event.key === 'Escape') {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      else onClose();
    } else return;
    event.preventDefault();
  };

  const kind = viewerKindOf(item.type);
  const facts = [format.bytes(item.size), t('viewer.info.addedOn', { date: format.date(item.added) }), item.folder].filter(Boolean);
  return (
    <ViewerRootContext.Provider value={root}>
      <ViewerKeysContext.Provider value={keys}>
        <div ref={root} className={`viewer viewer-${kind}`} role="dialog" aria-modal aria-labelledby="viewer-title" tabIndex={-1} onKeyDown={onKeyDown}>
          <header className="viewer-bar">
            <button type="button" className="player-button" aria-label={t('common.close')} title={t('common.close')} onClick={close}>
              <X size={20} aria-hidden />
            </button>
            <div className="viewer-heading">
              <h1 id="viewer-title" title={item.name}>
                {item.name}
              </h1>
              <p className="viewer-facts">{facts.join(' · ')}</p>
            </div>
            <span className="viewer-position">{t('viewer.position', { index: format.number(index + 1), count: format.number(items.length) })}</span>
            <button type="button" className="player-button" aria-label={t('viewer.previous')} title={t('viewer.previous')} disabled={!previous} onClick={() => previous && onNavigate(previous.id)}>
              <ChevronLeft size={20} aria-hidden />
            </button>
            <button type="button" className="player-button" aria-label={t('viewer.next')} title={t('viewer.next')} disabled={!next} onClick={() => next && onNavigate(next.id)}>
              <ChevronRight size={20} aria-hidden />
            </button>
            <button type="button" className="player-button" aria-label={t('viewer.export')} title={t('viewer.export')} onClick={exportItem}>
              <Download size={19} aria-hidden />
            </button>
          </header>
          <div className="viewer-stage">
            {kind === 'text' ? (
              <TextView key={item.id} item={item} onExport={exportItem} />
            ) : kind === 'other' ? (
              <ExportPanel key={item.id} item={item} onExport={exportItem} />
            ) : (
              <MediaBody key={item.id} item={item} kind={kind} />
            )}
          </div>
        </div>
      </ViewerKeysContext.Provider>
    </ViewerRootContext.Provider>
  );
}

/** Asks main for the item's vault:// URL (and where playback stopped), then plays or shows it. */
function MediaBody({ item, kind }: { item: ItemSummaryView; kind: 'video' | 'audio' | 'photo' }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [media, setMedia] = useState<CallOutput<'mediaUrl'> | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    coffer.mediaUrl({ id: item.id }).then(
      (answer) => live && setMedia(answer),
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [item.id]);
  if (failure) return <p className="viewer-message callout callout-error" role="alert">{errorText(failure).sentence}</p>;
  if (!media) return <p className="viewer-message">{t('common.loading')}</p>;
  if (kind === 'photo') return <PhotoView item={item} url={media.url} />;
  return <MediaPlayer item={item} kind={kind} url={media.url} resumeAt={media.resumeAt} />;
}
