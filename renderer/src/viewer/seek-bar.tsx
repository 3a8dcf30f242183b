import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';

interface Props {
  currentTime: number;
  duration: number;
  buffered: [number, number][];
  onSeek: (seconds: number) => void;
}

/**
 * The position slider: a native range input (keyboard and screen readers for free) over a track
 * that shows what is buffered and what has played, with the time under the pointer.
 */
export function SeekBar({ currentTime, duration, buffered, onSeek }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [hover, setHover] = useState<{ x: number; seconds: number } | null>(null);
  const known = Number.isFinite(duration) && duration > 0;
  const fraction = (seconds: number) => (known ? Math.min(1, Math.max(0, seconds / duration)) : 0);
  return (
    <div
      className="seek"
      onPointerMove={(event) => {
        if (!known) return;
        const box = event.currentTarget.getBoundingClientRect();
        const x = Math.min(box.width, Math.max(0, event.clientX - box.left));
        setHover({ x, seconds: (x / box.width) * duration });
      }}
      onPointerLeave={() => setHover(null)}
    >
      <div className="seek-track" aria-hidden>
        {buffered.map(([start, end]) => (
          <span key={start} className="seek-buffered" style={{ left: `${fraction(start) * 100}%`, width: `${(fraction(end) - fraction(start)) * 100}%` }} />
        ))}
        <span className="seek-played" style={{ width: `${fraction(currentTime) * 100}%` }} />
        <span className="seek-thumb" style={{ left: `${fraction(currentTime) * 100}%` }} />
      </div>
      <input
        type="range"
        className="seek-input"
        min={0}
        max={known ? duration : 0}
        step="any"
        value={known ? Math.min(currentTime, duration) : 0}
        disabled={!known}
        aria-label={t('viewer.player.seek')}
        aria-valuetext={t('viewer.player.position', { time: format.clock(currentTime), duration: format.clock(known ? duration : 0) })}
        onChange={(event) => onSeek(Number(event.target.value))}
      />
      {hover && (
        <span className="seek-hover" style={{ left: hover.x }} aria-hidden>
          {format.clock(hover.seconds)}
        </span>
      )}
    </div>
  );
}
