import { createContext, useContext, useEffect, useState } from 'react';
import { coffer } from '../coffer.js';

/**
 * vault:// URLs for thumbnails, asked for once per item while the vault stays unlocked (a token
 * lives until the lock, and the library is remounted after one, so the cache dies with it).
 */
export class MediaUrls {
  private readonly urls = new Map<string, Promise<string | null>>();

  get(id: string): Promise<string | null> {
    let url = this.urls.get(id);
    if (!url) {
      // A thumbnail that cannot be had shows the kind's icon, as it would for any other file.
      url = coffer.mediaUrl({ id }).then(({ url: value }) => value, () => null);
      this.urls.set(id, url);
    }
    return url;
  }
}

export const MediaUrlsContext = createContext<MediaUrls | null>(null);

/** A tile that stays on screen this long gets its picture; tiles flying past in a fast scroll ask for nothing. */
export const THUMBNAIL_DELAY_MS = 150;

/** The item's vault:// URL once `wanted` has held for a moment; null before and when there is none. */
export function useThumbnailUrl(id: string, wanted: boolean): string | null {
  const urls = useContext(MediaUrlsContext);
  const [url, setUrl] = useState<{ id: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!wanted || !urls) return;
    let live = true;
    const timer = setTimeout(() => void urls.get(id).then((value) => live && setUrl({ id, url: value })), THUMBNAIL_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, wanted, urls]);
  return url?.id === id ? url.url : null;
}
