import { useEffect, useState, type RefObject } from 'react';

export interface MediaState {
  paused: boolean;
  ended: boolean;
  /** Waiting for data to go on. */
  waiting: boolean;
  currentTime: number;
  duration: number;
  /** Buffered ranges as [start, end] seconds. */
  buffered: [number, number][];
  volume: number;
  muted: boolean;
  rate: number;
  /** The element's MediaError code, if it gave up. */
  error: number | null;
}

const EVENTS = ['play', 'pause', 'playing', 'waiting', 'ended', 'timeupdate', 'durationchange', 'loadedmetadata', 'progress', 'volumechange', 'ratechange', 'error', 'seeking', 'seeked', 'emptied'];

function read(element: HTMLMediaElement): MediaState {
  const buffered: [number, number][] = [];
  for (let i = 0; i < element.buffered.length; i++) buffered.push([element.buffered.start(i), element.buffered.end(i)]);
  return {
    paused: element.paused,
    ended: element.ended,
    waiting: element.readyState < HTMLMediaElement.HAVE_FUTURE_DATA && !element.paused && !element.error,
    currentTime: element.currentTime,
    duration: element.duration,
    buffered,
    volume: element.volume,
    muted: element.muted,
    rate: element.playbackRate,
    error: element.error?.code ?? null,
  };
}

const initial: MediaState = { paused: true, ended: false, waiting: false, currentTime: 0, duration: Number.NaN, buffered: [], volume: 1, muted: false, rate: 1, error: null };

/** The media element's state as React state, following its events. */
export function useMediaState(ref: RefObject<HTMLMediaElement | null>): MediaState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setState(read(element));
    for (const name of EVENTS) element.addEventListener(name, update);
    update();
    return () => {
      for (const name of EVENTS) element.removeEventListener(name, update);
    };
  }, [ref]);
  return state;
}
