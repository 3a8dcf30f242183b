import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Locale-aware formatters for what the screens show: sizes, speeds, durations, dates. */
export interface Formatters {
  /** 1536 → "1.5 kB" / "1.5KB" (decimal units, as file managers show them). */
  bytes(bytes: number): string;
  /** Bytes per second → "12 MB/s". */
  rate(bytesPerSecond: number): string;
  /** Seconds → "1 hr, 5 min" / "1시간 5분": for time left. */
  duration(seconds: number): string;
  /** Seconds → "1:05:09" / "4:07": a player's clock. */
  clock(seconds: number): string;
  /** An ISO date → "3 Dec 2026, 14:05" in the locale's own order. */
  date(iso: string): string;
  /** An ISO date → "2 hours ago", "yesterday", "3일 전". */
  relative(iso: string, now?: number): string;
  number(value: number): string;
  percent(fraction: number): string;
}

function scaled(bytes: number): [number, (typeof BYTE_UNITS)[number]] {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return [value, BYTE_UNITS[unit]!];
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function createFormatters(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const unitFormat = (unit: string, suffix = '', unitDisplay: 'short' | 'long' = 'short') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: `${unit}${suffix}`, unitDisplay, maximumFractionDigits: 1 });
  // Plain bytes in full: the short form is "900 byte" in English.
  const byteFormats = new Map(BYTE_UNITS.map((unit) => [unit, unitFormat(unit, '', unit === 'byte' ? 'long' : 'short')]));
  const rateFormats = new Map(BYTE_UNITS.map((unit) => [unit, unitFormat(unit, '-per-second')]));
  const durationFormat =
    'DurationFormat' in Intl
      ? new (Intl as unknown as { DurationFormat: new (l: string, o: object) => { format(d: object): string } }).DurationFormat(locale, { style: 'narrow' })
      : undefined;

  return {
    bytes(bytes) {
      const [value, unit] = scaled(bytes);
      return byteFormats.get(unit)!.format(unit === 'byte' ? Math.round(value) : value);
    },
    rate(bytesPerSecond) {
      const [value, unit] = scaled(bytesPerSecond);
      return rateFormats.get(unit)!.format(value);
    },
    duration(seconds) {
      const total = Math.max(0, Math.round(seconds));
      const parts = { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
      // Minutes and hours only once they matter; seconds are noise past an hour.
      const shown = parts.hours > 0 ? { hours: parts.hours, minutes: parts.minutes } : parts.minutes > 0 ? { minutes: parts.minutes, seconds: parts.seconds } : { seconds: parts.seconds };
      if (durationFormat) return durationFormat.format(shown);
      return Object.entries(shown)
        .map(([unit, value]) => unitFormat(unit.slice(0, -1)).format(value))
        .join(' ');
    },
    clock(seconds) {
      const total = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = String(total % 60).padStart(2, '0');
      return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
    },
    date: (iso) => date.format(new Date(iso)),
    relative(iso, now = Date.now()) {
      let value = (new Date(iso).getTime() - now) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
        value /= size;
      }
      return date.format(new Date(iso));
    },
    number: (value) => number.format(value),
    percent: (fraction) => percent.format(fraction),
  };
}

// One set per language: Intl formatters are costly to build, and a list of thousands of rows
// mounts dozens of components that format at every scroll.
const byLocale = new Map<string, Formatters>();

/** The formatters for the language on screen; they follow a language switch. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => {
    let formatters = byLocale.get(i18n.language);
    if (!formatters) byLocale.set(i18n.language, (formatters = createFormatters(i18n.language)));
    return formatters;
  }, [i18n.language]);
}
