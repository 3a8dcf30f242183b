import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { KindIcon } from './kind-icon.js';
import { isDisplayableImage, kindOf } from './kinds.js';
import { useThumbnailUrl } from './media-urls.js';

/**
 * Photos larger than this show their icon in the grid: decoding a 60 MB panorama for a 200-pixel
 * tile costs more than it shows.
 */
export const THUMBNAIL_SIZE_CAP = 25 * 1000 * 1000;

export function wantsPicture(item: ItemSummaryView): boolean {
  return isDisplayableImage(item.type) && item.size <= THUMBNAIL_SIZE_CAP;
}

/** The tile's picture area: the kind's colour and icon, and for a photo the photo itself once it loads. */
export function Thumbnail({ item }: { item: ItemSummaryView }) {
  const kind = kindOf(item.type);
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const url = useThumbnailUrl(item.id, visible && wantsPicture(item));
  const [shown, setShown] = useState<string | null>(null);
  const [broken, setBroken] = useState<string | null>(null);
  return (
    <div ref={ref} className={`thumb thumb-${kind}`}>
      <KindIcon kind={kind} size={34} />
      {url && broken !== url && (
        <img
          src={url}
          alt=""
          decoding="async"
          loading="lazy"
          draggable={false}
          className={shown === url ? 'thumb-image thumb-image-shown' : 'thumb-image'}
          onLoad={() => setShown(url)}
          onError={() => setBroken(url)}
        />
      )}
    </div>
  );
}

/** One observer for every tile: a fast scroll mounts dozens of tiles a frame. */
let viewport: { observer: IntersectionObserver; listeners: Map<Element, (visible: boolean) => void> } | null = null;
function watchVisibility(element: Element, listener: (visible: boolean) => void): () => void {
  if (!viewport) {
    const listeners = new Map<Element, (visible: boolean) => void>();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    });
    viewport = { observer, listeners };
  }
  const { observer, listeners } = viewport;
  listeners.set(element, listener);
  observer.observe(element);
  return () => {
    listeners.delete(element);
    observer.unobserve(element);
  };
}

/**
 * Whether the element is in the viewport. The grid also renders a few rows beyond it to scroll
 * smoothly; those show their icon until they come into view. Where the browser cannot tell
 * (no IntersectionObserver), rendered counts as visible.
 */
function useVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    return watchVisibility(element, setVisible);
  }, [ref]);
  return visible;
}
