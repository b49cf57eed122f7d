// Wall-clock time in a named IANA zone, for the browser. The UI has no Luxon: the browser's Intl
// decides every offset, and a local time resolves by the server's rules (schedule README): a time in
// a spring-forward gap becomes the first instant after the gap, a time that happens twice the earlier.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A local calendar date and time; month 1–12, weekday 1 = Monday … 7 = Sunday. */
export type Wall = { year: number; month: number; day: number; hour: number; minute: number };
export type LocalDate = Pick<Wall, 'year' | 'month' | 'day'>;

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partFormats.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at instant `ms` (to the minute). */
export function wallAt(ms: number, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(zone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** Offset of `zone` at `ms` in ms (wall clock minus UTC), at minute precision. */
export function offsetAt(ms: number, zone: string): number {
  const floored = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  return asUtc(wallAt(floored, zone)) - floored;
}

/** The instant a local wall time happens in `zone` (gap: the transition; twice: the earlier). */
export function instantOf(wall: Wall, zone: string): number {
  const utc = asUtc(wall);
  const before = offsetAt(utc - DAY_MS, zone);
  const after = offsetAt(utc + DAY_MS, zone);
  const valid = [utc - before, utc - after].filter((t) => offsetAt(t, zone) === utc - t);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the first instant with the later offset lies between the two candidates.
  let lo = Math.min(utc - before, utc - after);
  let hi = Math.max(utc - before, utc - after);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The date `days` calendar days after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date, 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

/** The instant local midnight of `date` happens in `zone`. */
export function startOfDate(date: LocalDate, zone: string): number {
  return instantOf({ ...date, hour: 0, minute: 0 }, zone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD`. */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The value of an `<input type="datetime-local">` showing `ms` in `zone`. */
export function toLocalInput(ms: number, zone: string): string {
  const w = wallAt(ms, zone);
  return `${isoDate(w)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant an `<input type="datetime-local">` value means in `zone`; null when incomplete. */
export function fromLocalInput(value: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return instantOf({ year, month, day, hour, minute }, zone);
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();

function displayFormat(zone: string, kind: 'dateTime' | 'time' | 'day'): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let format = displayFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime'
        ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : { weekday: 'short', day: 'numeric', month: 'short' };
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    displayFormats.set(key, format);
  }
  return format;
}

/** "Mon, 16 Nov, 09:00" in `zone`. */
export function formatInZone(ms: number | string, zone: string): string {
  return displayFormat(zone, 'dateTime').format(typeof ms === 'string' ? Date.parse(ms) : ms);
}

/** "09:00" in `zone`. */
export function formatTimeInZone(ms: number, zone: string): string {
  return displayFormat(zone, 'time').format(ms);
}

/** "Mon, 16 Nov" in `zone`. */
export function formatDayInZone(ms: number, zone: string): string {
  return displayFormat(zone, 'day').format(ms);
}

/** "Mon, 16 Nov, 09:00 – Mon, 23 Nov, 09:00", the end shortened to a time on the same day. */
export function formatRange(start: number | string, end: number | string, zone: string): string {
  const s = typeof start === 'string' ? Date.parse(start) : start;
  const e = typeof end === 'string' ? Date.parse(end) : end;
  const sameDay = isoDate(wallAt(s, zone)) === isoDate(wallAt(e, zone));
  return `${formatInZone(s, zone)} – ${sameDay ? formatTimeInZone(e, zone) : formatInZone(e, zone)}`;
}

/** "3 h", "2 d 4 h", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, !days && mins && `${mins} min`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 min';
}
