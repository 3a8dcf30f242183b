import { Keyboard, LoaderCircle, Maximize, Minimize, Music, Pause, PictureInPicture2, Play, Volume1, Volume2, VolumeX } from 'lucide-react';
import { useCallback, useContext, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useFormat } from '../i18n/format.js';
import { PlaybackProblem } from './playback-problem.js';
import { positionToSave, resumePoint } from './resume.js';
import { SeekBar } from './seek-bar.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { useMediaState } from './use-media-state.js';
import { ViewerRootContext } from './viewer-root.js';
import { useViewerKeys } from './viewer-keys.js';

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
/** While playing, where it is gets saved this often, so a crash or a lock loses little. */
export const SAVE_EVERY_MS = 5000;
/** Controls fade after this long without the pointer moving or a key. */
export const CONTROLS_IDLE_MS = 2500;
const RESUMED_NOTE_MS = 6000;

interface Props {
  item: ItemSummaryView;
  kind: 'video' | 'audio';
  url: string;
  resumeAt: number | null;
}

/**
 * Plays a video or audio item from its vault:// URL with Coffer's own controls and keys; picks up
 * where it last stopped on this device, and remembers where it stops.
 */
export function MediaPlayer({ item, kind, url, resumeAt }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const root = useContext(ViewerRootContext);
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const state = useMediaState(media);
  const [help, setHelp] = useState(false);
  const [resumed, setResumed] = useState<number | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [active, setActive] = useState(true);
  const [holding, setHolding] = useState(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // [Note: resume rule] in resume.ts. `played` keeps an untouched item from saving 0 on close.
  const played = useRef(false);
  const lastSaved = useRef<number | null | undefined>(undefined);
  const save = useCallback(
    (seconds: number | null) => {
      const rounded = seconds === null ? null : Math.floor(seconds);
      if (!played.current || rounded === lastSaved.current) return;
      lastSaved.current = rounded;
      // A position that could not be saved only means starting over next time.
      coffer.savePosition({ id: item.id, seconds: rounded }).catch(() => {});
    },
    [item.id],
  );
  const saveNow = useCallback(
    (element: HTMLMediaElement | null = media.current) => {
      if (element && element.error === null) save(positionToSave(element.currentTime, element.duration, element.ended));
    },
    [save],
  );

  useEffect(() => {
    // Kept here: by the time an unmount's cleanup runs, React has already let go of the ref.
    const element = media.current!;
    const onPlaying = () => (played.current = true);
    const onStop = () => saveNow(element);
    element.addEventListener('playing', onPlaying);
    element.addEventListener('pause', onStop);
    element.addEventListener('ended', onStop);
    return () => {
      element.removeEventListener('playing', onPlaying);
      element.removeEventListener('pause', onStop);
      element.removeEventListener('ended', onStop);
      saveNow(element);
    };
  }, [saveNow]);
  useEffect(() => {
    if (state.paused) return;
    const timer = setInterval(() => saveNow(), SAVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [state.paused, saveNow]);

  useEffect(() => {
    if (resumed === null) return;
    const timer = setTimeout(() => setResumed(null), RESUMED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [resumed]);

  useEffect(() => {
    const follow = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === root?.current);
    document.addEventListener('fullscreenchange', follow);
    return () => document.removeEventListener('fullscreenchange', follow);
  }, [root]);

  const poke = useCallback(() => {
    setActive(true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => setActive(false), CONTROLS_IDLE_MS);
  }, []);
  useEffect(() => {
    poke();
    return () => clearTimeout(idleTimer.current);
  }, [poke]);

  const element = () => media.current!;
  const resume = (event: SyntheticEvent<HTMLMediaElement>) => {
    const start = resumePoint(resumeAt, event.currentTarget.duration);
    if (start === null) return;
    event.currentTarget.currentTime = start;
    setResumed(start);
  };
  const toggle = () => {
    const el = element();
    if (el.paused || el.ended) void el.play()?.catch(() => {});
    else el.pause();
  };
  const seekTo = (seconds: number) => {
    const el = element();
    played.current = true;
    el.currentTime = Math.min(Number.isFinite(el.duration) ? el.duration : seconds, Math.max(0, seconds));
  };
  const seekBy = (delta: number) => seekTo(element().currentTime + delta);
  const setVolume = (volume: number) => {
    const el = element();
    el.volume = Math.min(1, Math.max(0, Math.round(volume * 100) / 100));
    el.muted = el.volume === 0;
  };
  const toggleMute = () => {
    const el = element();
    el.muted = !el.muted;
    if (!el.muted && el.volume === 0) el.volume = 0.5;
  };
  const toggleFullscreen = () => {
    // Refused (no user gesture, or a policy): the viewer just stays in the window.
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void root?.current?.requestFullscreen?.()?.catch(() => {});
  };
  const pipAvailable = kind === 'video' && document.pictureInPictureEnabled === true;
  const togglePip = () => {
    // The OS may refuse (no window manager support); the video simply stays where it is.
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => {});
    else void media.current?.requestPictureInPicture().catch(() => {});
  };

  useViewerKeys((event) => {
    poke();
    const actions: Record<string, () => void> = {
      ' ': toggle,
      k: toggle,
      ArrowLeft: () => seekBy(-5),
      ArrowRight: () => seekBy(5),
      j: () => seekBy(-10),
      l: () => seekBy(10),
      ArrowUp: () => setVolume(element().volume + 0.1),
      ArrowDown: () => setVolume(element().volume - 0.1),
      m: toggleMute,
      f: toggleFullscreen,
      '?': () => setHelp(true),
    };
    const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return false;
    action();
    return true;
  });

  const problem = state.error !== null;
  const hidden = kind === 'video' && !state.paused && !active && !holding && !problem;
  const volumeShown = state.muted ? 0 : state.volume;
  const VolumeIcon = volumeShown === 0 ? VolumeX : volumeShown < 0.5 ? Volume1 : Volume2;

  return (
    <div className={`player player-${kind}${hidden ? ' player-idle' : ''}`} onPointerMove={poke} onPointerDown={poke}>
      {kind === 'video' ? (
        <video
          ref={media}
          className="player-video"
          src={url}
          autoPlay
          playsInline
          preload="metadata"
          onClick={toggle}
          onDoubleClick={toggleFullscreen}
          onLoadedMetadata={resume}
        />
      ) : (
        <>
          <div className="player-audio-art" aria-hidden onClick={toggle}>
            <Music size={56} strokeWidth={1.4} />
          </div>
          <p className="player-audio-title" aria-hidden>
            {item.name}
          </p>
          {item.folder && (
            <p className="player-audio-folder" aria-hidden>
              {item.folder}
            </p>
          )}
          <audio
            ref={media}
            src={url}
            autoPlay
            preload="metadata"
            onLoadedMetadata={resume}
          />
        </>
      )}
      {problem && <PlaybackProblem item={item} code={state.error!} onRetry={() => element().load()} />}
      {!problem && state.waiting && (
        <span className="player-waiting" role="status" aria-label={t('viewer.player.buffering')}>
          <LoaderCircle size={40} aria-hidden className="spin" />
        </span>
      )}
      {!problem && kind === 'video' && state.paused && !state.waiting && (
        <button type="button" className="player-big-play" aria-hidden tabIndex={-1} onClick={toggle}>
          <Play size={34} aria-hidden />
        </button>
      )}
      {resumed !== null && (
        <div className="player-resumed" role="status">
          <span>{t('viewer.player.resumed', { time: format.clock(resumed) })}</span>
          <button
            type="button"
            className="player-resumed-button"
            onClick={() => {
              seekTo(0);
              setResumed(null);
            }}
          >
            {t('viewer.player.startOver')}
          </button>
        </div>
      )}
      <div
        className="player-controls"
        onPointerEnter={() => setHolding(true)}
        onPointerLeave={() => setHolding(false)}
        onFocus={() => setHolding(true)}
        onBlur={() => setHolding(false)}
      >
        <SeekBar currentTime={state.currentTime} duration={state.duration} buffered={state.buffered} onSeek={seekTo} />
        <div className="player-row">
          <button
            type="button"
            className="player-button"
            aria-label={state.paused ? t('viewer.player.play') : t('viewer.player.pause')}
            title={state.paused ? t('viewer.player.play') : t('viewer.player.pause')}
            onClick={toggle}
          >
            {state.paused ? <Play size={20} aria-hidden /> : <Pause size={20} aria-hidden />}
          </button>
          <div className="player-volume">
            <button
              type="button"
              className="player-button"
              aria-label={state.muted ? t('viewer.player.unmute') : t('viewer.player.mute')}
              title={state.muted ? t('viewer.player.unmute') : t('viewer.player.mute')}
              aria-pressed={state.muted}
              onClick={toggleMute}
            >
              <VolumeIcon size={19} aria-hidden />
            </button>
            <input
              type="range"
              className="player-volume-slider"
              min={0}
              max={1}
              step={0.05}
              value={volumeShown}
              aria-label={t('viewer.player.volume')}
              aria-valuetext={format.percent(volumeShown)}
              onChange={(event) => setVolume(Number(event.target.value))}
            />
          </div>
          <span className="player-time">
            {format.clock(state.currentTime)} <span className="player-time-sep">/</span> {format.clock(state.duration)}
          </span>
          <span className="player-spacer" />
          <label className="visually-hidden" htmlFor={`rate-${item.id}`}>
            {t('viewer.player.speed')}
          </label>
          <select
            id={`rate-${item.id}`}
            className="player-rate"
            value={state.rate}
            title={t('viewer.player.speed')}
            onChange={(event) => (element().playbackRate = Number(event.target.value))}
          >
            {PLAYBACK_RATES.map((rate) => (
              <option key={rate} value={rate}>
                {t('viewer.player.rate', { rate: format.number(rate) })}
              </option>
            ))}
          </select>
          <button type="button" className="player-button" aria-label={t('viewer.shortcuts.title')} title={t('viewer.shortcuts.title')} onClick={() => setHelp(true)}>
            <Keyboard size={19} aria-hidden />
          </button>
          {pipAvailable && (
            <button type="button" className="player-button" aria-label={t('viewer.player.pip')} title={t('viewer.player.pip')} onClick={togglePip}>
              <PictureInPicture2 size={19} aria-hidden />
            </button>
          )}
          <button
            type="button"
            className="player-button"
            aria-label={fullscreen ? t('viewer.player.exitFullscreen') : t('viewer.player.fullscreen')}
            title={fullscreen ? t('viewer.player.exitFullscreen') : t('viewer.player.fullscreen')}
            onClick={toggleFullscreen}
          >
            {fullscreen ? <Minimize size={19} aria-hidden /> : <Maximize size={19} aria-hidden />}
          </button>
        </div>
      </div>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
