import { MAX_PLAYBACK_POSITIONS, type PlaybackPosition } from './settings-schema.js';

/** Where playback of `item` in `vault` last stopped (seconds); undefined when it never did, or played to the end. */
export function positionOf(positions: readonly PlaybackPosition[], vault: string, item: string): number | undefined {
  return positions.find((p) => p.vault === vault && p.item === item)?.seconds;
}

/**
 * The positions with `item`'s set to `seconds` and made the newest, or forgotten when `seconds` is
 * null. The oldest are dropped beyond MAX_PLAYBACK_POSITIONS, so the list stays small enough to
 * rewrite every few seconds of playback.
 */
export function withPosition(
  positions: readonly PlaybackPosition[],
  vault: string,
  item: string,
  seconds: number | null,
): PlaybackPosition[] {
  const others = positions.filter((p) => p.vault !== vault || p.item !== item);
  return seconds === null ? others : [{ vault, item, seconds }, ...others].slice(0, MAX_PLAYBACK_POSITIONS);
}
