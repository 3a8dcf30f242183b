import { ImageOff, RotateCw, Scan, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { useFormat } from '../i18n/format.js';
import { useViewerKeys } from './viewer-keys.js';

/** Zoom is relative to the picture fitted to the window: 1 fits, 8 is eight times that. */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const STEP = 1.25;

interface Size {
  width: number;
  height: number;
}

const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** How far the picture may move from the centre before its edge leaves the window's edge. */
function clampOffset(offset: { x: number; y: number }, shown: Size, stage: Size) {
  const maxX = Math.max(0, (shown.width - stage.width) / 2);
  const maxY = Math.max(0, (shown.height - stage.height) / 2);
  return { x: Math.min(maxX, Math.max(-maxX, offset.x)), y: Math.min(maxY, Math.max(-maxY, offset.y)) };
}

/**
 * A photo fitted to the window (never enlarged past its own pixels to fit), zoomed with buttons,
 * + - 0 or Ctrl+wheel (around the pointer), panned by dragging once zoomed, rotated for display only.
 */
export function PhotoView({ item, url }: { item: ItemSummaryView; url: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stageRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = useState<Size | null>(null);
  const [broken, setBroken] = useState(false);
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; pointer: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  useLayoutEffect(() => {
    const element = stageRef.current!;
    const measure = () => setStage({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const quarter = rotation % 180 !== 0;
  const turned = natural ? (quarter ? { width: natural.height, height: natural.width } : natural) : null;
  const fit = turned && stage.width > 0 ? Math.min(1, stage.width / turned.width, stage.height / turned.height) : 1;
  const scale = fit * zoom;
  const shown = turned ? { width: turned.width * scale, height: turned.height * scale } : { width: 0, height: 0 };

  const zoomTo = (next: number, around: { x: number; y: number } = { x: 0, y: 0 }) => {
    const target = clampZoom(next);
    const ratio = target / zoom;
    const size = turned ? { width: turned.width * fit * target, height: turned.height * fit * target } : shown;
    // The point under the pointer stays under it.
    setOffset(clampOffset({ x: around.x - (around.x - offset.x) * ratio, y: around.y - (around.y - offset.y) * ratio }, size, stage));
    setZoom(target);
  };
  const reset = () => {
    setZoom(1);
    setOffset({ x: 0, y: 0 });
  };

  // Native, not React's: a wheel listener must be non-passive to keep Ctrl+wheel from zooming the page.
  const zoomLatest = useRef(zoomTo);
  zoomLatest.current = zoomTo;
  const zoomNow = useRef(zoom);
  zoomNow.current = zoom;
  useEffect(() => {
    const element = stageRef.current!;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const box = element.getBoundingClientRect();
      const around = { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
      zoomLatest.current(event.deltaY < 0 ? zoomNow.current * STEP : zoomNow.current / STEP, around);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  useViewerKeys((event) => {
    if (event.key === '+' || event.key === '=') zoomTo(zoom * STEP);
    else if (event.key === '-' || event.key === '_') zoomTo(zoom / STEP);
    else if (event.key === '0') reset();
    else if (event.key === 'r') setRotation(rotation + 90);
    else return false;
    return true;
  });

  const zoomed = zoom > MIN_ZOOM;
  return (
    <div className="photo">
      <div
        ref={stageRef}
        className={`photo-stage${zoomed ? ' photo-stage-zoomed' : ''}${dragging ? ' photo-stage-dragging' : ''}`}
        onPointerDown={(event) => {
          if (!zoomed || event.button !== 0) return;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, pointer: event.pointerId };
          setDragging(true);
        }}
        onPointerMove={(event) => {
          const from = drag.current;
          if (!from || from.pointer !== event.pointerId) return;
          drag.current = { ...from, x: event.clientX, y: event.clientY };
          setOffset((current) => clampOffset({ x: current.x + event.clientX - from.x, y: current.y + event.clientY - from.y }, shown, stage));
        }}
        onPointerUp={() => {
          drag.current = null;
          setDragging(false);
        }}
        onPointerCancel={() => {
          drag.current = null;
          setDragging(false);
        }}
        onDoubleClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          if (zoomed) reset();
          else zoomTo(2.5, { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 });
        }}
      >
        {broken ? (
          <div className="photo-broken">
            <ImageOff size={40} aria-hidden strokeWidth={1.5} />
            <p>{t('viewer.photo.broken')}</p>
          </div>
        ) : (
          <img
            src={url}
            alt={item.name}
            draggable={false}
            className={natural ? 'photo-image' : 'photo-image photo-image-loading'}
            style={{
              width: natural?.width,
              height: natural?.height,
              transform: `translate(-50%, -50%) translate(${offset.x}px, ${offset.y}px) rotate(${rotation}deg) scale(${scale})`,
            }}
            onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
            onError={() => setBroken(true)}
          />
        )}
      </div>
      <div className="photo-tools" role="toolbar" aria-label={t('viewer.photo.tools')}>
        <button type="button" className="player-button" aria-label={t('viewer.photo.zoomOut')} title={t('viewer.photo.zoomOut')} disabled={!zoomed} onClick={() => zoomTo(zoom / STEP)}>
          <ZoomOut size={18} aria-hidden />
        </button>
        <output className="photo-zoom" aria-label={t('viewer.photo.zoom')}>
          {format.percent(scale)}
        </output>
        <button type="button" className="player-button" aria-label={t('viewer.photo.zoomIn')} title={t('viewer.photo.zoomIn')} disabled={zoom >= MAX_ZOOM} onClick={() => zoomTo(zoom * STEP)}>
          <ZoomIn size={18} aria-hidden />
        </button>
        <button type="button" className="player-button" aria-label={t('viewer.photo.fit')} title={t('viewer.photo.fit')} disabled={!zoomed} onClick={reset}>
          <Scan size={18} aria-hidden />
        </button>
        <span className="photo-tools-divider" aria-hidden />
        <button type="button" className="player-button" aria-label={t('viewer.photo.rotate')} title={t('viewer.photo.rotate')} onClick={() => setRotation(rotation + 90)}>
          <RotateCw size={18} aria-hidden />
        </button>
      </div>
    </div>
  );
}
