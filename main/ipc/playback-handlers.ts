import { positionOf, withPosition } from '../settings/playback-positions.js';
import type { StoredLocation } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { AppSession } from './app-session.js';
import type { Handlers } from './dispatcher.js';
import type { ExternalPlayer } from './external-player.js';
import { locationKey } from './locations.js';
import { previewText } from './text-preview.js';

export interface PlaybackHandlerDeps {
  session: AppSession;
  settings: SettingsStore;
  player: ExternalPlayer;
  /** Where the open vault was opened from; throws LOCKED when none is open. */
  openLocation: () => StoredLocation;
  /** Opens a loopback URL with the system's default handler. */
  openExternal: (url: string) => Promise<void>;
  /** Puts text on the clipboard. */
  copyText: (text: string) => Promise<void>;
}

/** Showing items: media URLs with where playback stopped, text previews, and players outside the app. */
export function createPlaybackHandlers({ session, settings, player, openLocation, openExternal, copyText }: PlaybackHandlerDeps) {
  return {
    async mediaUrl({ id }) {
      const vault = locationKey(openLocation());
      const url = await session.mediaUrl(id);
      return { url, resumeAt: positionOf(settings.get().playbackPositions, vault, id) ?? null };
    },
    async savePosition({ id, seconds }) {
      const vault = locationKey(openLocation());
      await session.vault().item(id);
      const { playbackPositions } = settings.get();
      // The renderer saves every few seconds, and again on pause: an unchanged position costs no write.
      if ((positionOf(playbackPositions, vault, id) ?? null) === seconds) return null;
      // Read and update in one turn, so positions saved at the same time never drop one another.
      await settings.update({ playbackPositions: withPosition(playbackPositions, vault, id, seconds) });
      return null;
    },
    previewText: ({ id }) => session.busy(() => previewText(session.vault(), id, session.signal)),
    async externalPlayer({ id, action }) {
      const url = await player.urlFor(id);
      if (action === 'open') await openExternal(url);
      else await copyText(url);
      return { url };
    },
  } satisfies Pick<Handlers, 'mediaUrl' | 'savePosition' | 'previewText' | 'externalPlayer'>;
}
