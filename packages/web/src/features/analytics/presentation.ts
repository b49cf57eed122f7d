import { formatDuration, severityColor } from '../incidents/presentation.js';

// How figures read on screen. An unknown figure (nothing to measure) reads as an em dash, never 0.

export const duration = (ms: number | null | undefined): string => (ms == null ? '—' : formatDuration(ms));
export const percent = (share: number | null | undefined): string =>
  share == null ? '—' : `${Math.round(share * 100)}%`;

const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
/** `Jan 5`: the Monday a week starts on. */
export const weekLabel = (iso: string): string => weekFormat.format(new Date(iso));

const hourFormat = (h: number) => `${String(h).padStart(2, '0')}:00`;
export const hourLabel = (h: number): string => `${hourFormat(h)}–${hourFormat((h + 1) % 24)}`;

/** Colours of the series, by severity rank (the same as the severity badges), as CSS variables. */
export const severityFill = (rank: number): string => `var(--mantine-color-${severityColor({ rank })}-6)`;
