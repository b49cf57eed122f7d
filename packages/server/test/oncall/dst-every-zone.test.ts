import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type EngineLayer,
  type EngineRestriction,
  type LayerShift,
  layerShifts,
  resolveSchedule,
  rotationShifts,
} from '../../src/domains/oncall/schedule.engine.js';

// Issue #11 item 3: every IANA zone with an offset change between 2020 and 2035, walked through the
// schedule engine around its transitions. The expectations never come from the engine's own code:
// offsets are read from Intl (the ICU data Luxon also reads) one instant at a time, and each shift
// boundary the engine produces is checked against the rules in the oncall README:
//   1. day/week rotations hand off at the local wall time, every N local days;
//   2. hour rotations hand off every N elapsed hours;
//   3. a local time that does not exist resolves to the transition instant (first valid one after);
//   4. a local time that happens twice resolves to the earlier instant;
//   5. restriction windows follow the same rules at both edges.
// Around each sampled transition the test builds rotations whose handoffs land inside its gap or
// overlap (and at 02:30 and 01:30, where most zones change), a weekly and a 12-hour rotation, and
// restricted layers; it checks coverage without gap or overlap, handoff times, and rotation order.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RANGE_FROM = Date.UTC(2020, 0, 1);
const RANGE_TO = Date.UTC(2036, 0, 1);
/**
 * Offsets are probed every 14 days, then the change is searched to the millisecond. tzdata has no
 * two transitions closer than 28 days in 2020–2035 (Fiji, 2020–21), so no pair hides between probes.
 */
const PROBE_STEP = 14 * DAY;
const ALWAYS_SAMPLED_YEAR = 2026;

type Transition = { at: number; before: number; after: number };
type Outcome = 'exact' | 'gap' | 'overlap';

// --- offsets and local wall time, straight from Intl -------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `zone` at `at`, in minutes ("GMT+05:45" → 345). */
function offsetMinutes(zone: string, at: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, format);
  }
  const match = /GMT(?:([+-])(\d\d):(\d\d))?$/.exec(format.format(at));
  if (!match) throw new Error(`cannot read the offset of ${zone} from "${format.format(at)}"`);
  if (!match[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** Local wall-clock time at `at`, as milliseconds since 1970-01-01T00:00 local. */
const wallAt = (zone: string, at: number) => at + offsetMinutes(zone, at) * MINUTE;
const isoDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const isoWall = (wall: number) => new Date(wall).toISOString().slice(0, 16).replace('T', ' ');
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** ISO weekday of a local day number, 1 = Monday (1970-01-01 was a Thursday). */
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The instant of a local time on a day without any offset change (all but a few days a year). */
function settledInstant(zone: string, day: number, minute: number): number {
  const offset = offsetMinutes(zone, day * DAY - 14 * HOUR);
  if (offsetMinutes(zone, day * DAY + 38 * HOUR) !== offset) {
    throw new Error(`${zone}: ${isoDate(day)} has an offset change; the scenario must anchor elsewhere`);
  }
  return day * DAY + minute * MINUTE - offset * MINUTE;
}

// --- transitions -------------------------------------------------------------------------------

const probeIntervals = new Map<string, { lo: number; hi: number }[]>();

/** Probe intervals [lo, hi] holding one offset change each, per ICU zone (aliases share them). */
function changeIntervals(zone: string): { lo: number; hi: number }[] {
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  let found = probeIntervals.get(canonical);
  if (!found) {
    found = [];
    let lo = RANGE_FROM;
    let offset = offsetMinutes(zone, lo);
    for (let hi = RANGE_FROM + PROBE_STEP; lo < RANGE_TO; lo = hi, hi += PROBE_STEP) {
      const next = offsetMinutes(zone, Math.min(hi, RANGE_TO));
      if (next !== offset) found.push({ lo, hi: Math.min(hi, RANGE_TO) });
      offset = next;
    }
    probeIntervals.set(canonical, found);
  }
  return found;
}

/** The exact instant of the change inside a probe interval: the first millisecond with the new offset. */
function exactTransition(zone: string, { lo, hi }: { lo: number; hi: number }): Transition {
  const before = offsetMinutes(zone, lo);
  let low = lo;
  let high = hi;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetMinutes(zone, mid) === before) low = mid;
    else high = mid;
  }
  return { at: high, before, after: offsetMinutes(zone, high) };
}

/** First and last change of the range, and every change of two years (one rotating across zones). */
function sampledTransitions(zone: string, index: number): Transition[] {
  const intervals = changeIntervals(zone);
  const rotatingYear = 2020 + (index % 16);
  const picked = intervals.filter((interval, i) => {
    const year = new Date(interval.hi).getUTCFullYear();
    return i === 0 || i === intervals.length - 1 || year === rotatingYear || year === ALWAYS_SAMPLED_YEAR;
  });
  return picked.map((interval) => exactTransition(zone, interval));
}

/** Old names people still type; the engine accepts any name Intl accepts. */
const COMMON_ALIASES = ['US/Eastern', 'US/Pacific', 'EST5EDT', 'CET', 'Europe/Kyiv', 'America/Nuuk'];

/** Every zone name Intl accepts: its own list, common aliases, and tzdata's names and links when present. */
function allZoneNames(): string[] {
  const names = new Set([...Intl.supportedValuesOf('timeZone'), ...COMMON_ALIASES]);
  const tzdata = '/usr/share/zoneinfo/tzdata.zi';
  if (existsSync(tzdata)) {
    for (const line of readFileSync(tzdata, 'utf8').split('\n')) {
      const [kind, a, b] = line.split(/\s+/);
      if (kind === 'Z' && a) names.add(a);
      if (kind === 'L' && b) names.add(b);
    }
  }
  return [...names].filter((name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  });
}

// --- the rules, as checks on what the engine produced ------------------------------------------

/**
 * Checks that `at` is where a handoff at local `minute` of local `day` belongs: exactly that wall
 * time (and the earlier of two such instants), or, when that wall time does not exist, the instant
 * of the transition that skips it. Returns which case applied, or a problem.
 */
function checkLocalTime(zone: string, at: number, day: number, minute: number): Outcome | string {
  const wanted = day * DAY + minute * MINUTE;
  const wall = wallAt(zone, at);
  const nearby = new Set([offsetMinutes(zone, at - 2 * DAY), offsetMinutes(zone, at + 2 * DAY)]);
  const instantsOfWanted = [...nearby]
    .filter((offset) => offsetMinutes(zone, wanted - offset * MINUTE) === offset)
    .map((offset) => wanted - offset * MINUTE);
  if (wall === wanted) {
    if (instantsOfWanted.some((instant) => instant < at)) {
      return `${isoWall(wanted)} happens twice; got the later instant ${new Date(at).toISOString()}`;
    }
    return instantsOfWanted.some((instant) => instant > at) ? 'overlap' : 'exact';
  }
  const skipped = instantsOfWanted.length === 0 && offsetMinutes(zone, at - 1) !== offsetMinutes(zone, at);
  if (skipped && wallAt(zone, at - 1) < wanted && wanted < wall) return 'gap';
  return `expected local ${isoWall(wanted)}, got ${new Date(at).toISOString()} (local ${isoWall(wall)})`;
}

type Tally = Record<Outcome, number>;

class Problems {
  readonly list: string[] = [];
  readonly tally: Tally = { exact: 0, gap: 0, overlap: 0 };

  constructor(private readonly zone: string) {}

  localTime(what: string, at: number, day: number, minute: number): void {
    const outcome = checkLocalTime(this.zone, at, day, minute);
    if (outcome === 'exact' || outcome === 'gap' || outcome === 'overlap') this.tally[outcome]++;
    else this.list.push(`${what}: ${outcome}`);
  }

  check(what: string, ok: boolean, detail: () => string): void {
    if (!ok) this.list.push(`${what}: ${detail()}`);
  }
}

const span = (s: { start: number; end: number }) =>
  `[${new Date(s.start).toISOString()}, ${new Date(s.end).toISOString()})`;

/** Shifts cover [from, to) exactly: the first starts at `from`, each ends where the next starts, the last ends at `to`. */
function checkTiling(
  p: Problems,
  what: string,
  shifts: readonly { start: number; end: number }[],
  from: number,
  to: number,
) {
  p.check(
    `${what} starts at the window`,
    shifts[0]?.start === from,
    () => `first shift ${shifts[0] && span(shifts[0])}`,
  );
  p.check(
    `${what} ends at the window`,
    shifts.at(-1)?.end === to,
    () => `last shift ${shifts.at(-1) && span(shifts.at(-1)!)}`,
  );
  for (let i = 0; i < shifts.length; i++) {
    const s = shifts[i]!;
    p.check(`${what} shift ${i} is not empty`, s.end > s.start, () => span(s));
    const next = shifts[i + 1];
    if (next)
      p.check(
        `${what} no gap or overlap after shift ${i}`,
        s.end === next.start,
        () => `${span(s)} then ${span(next)}`,
      );
  }
}

type RotationCase = {
  what: string;
  layer: EngineLayer;
  from: number;
  to: number;
  /** Local days of the handoffs strictly inside (from, to), in order. */
  handoffDays: number[];
  /** Local day of the handoff that started the shift in force at `from`. */
  firstShiftDay: number;
};

/** A day or week rotation without restrictions: tiling, handoff wall times, people in rotation order. */
function checkDayRotation(p: Problems, c: RotationCase, shifts: readonly LayerShift[]): void {
  const { layer } = c;
  const periodDays = layer.rotation.every * (layer.rotation.unit === 'week' ? 7 : 1);
  const startDay = Date.parse(`${layer.startDate}T00:00:00Z`) / DAY;
  const minute = Number(layer.handoffTime.slice(0, 2)) * 60 + Number(layer.handoffTime.slice(3));
  checkTiling(p, c.what, shifts, c.from, c.to);
  p.check(`${c.what} shift count`, shifts.length === c.handoffDays.length + 1, () => `${shifts.length} shifts`);
  const shiftDays = [c.firstShiftDay, ...c.handoffDays];
  shifts.forEach((shift, i) => {
    const day = shiftDays[i];
    if (day === undefined) return;
    if (i > 0) p.localTime(`${c.what} handoff of ${isoDate(day)}`, shift.start, day, minute);
    const want = layer.participants[mod((day - startDay) / periodDays, layer.participants.length)];
    p.check(
      `${c.what} shift from ${isoDate(day)} person`,
      shift.userId === want,
      () => `${shift.userId}, want ${want}`,
    );
  });
}

const PEOPLE = ['p0', 'p1', 'p2'];
const TOP_PEOPLE = ['q0', 'q1'];

function layer(id: string, zone: string, fields: Partial<EngineLayer>): EngineLayer {
  return {
    id,
    position: 0,
    participants: PEOPLE,
    rotation: { unit: 'day', every: 1 },
    handoffTime: '09:00',
    timeZone: zone,
    startDate: '2020-01-01',
    restrictions: [],
    ...fields,
  };
}

const days = (from: number, to: number, step = 1) => {
  const out: number[] = [];
  for (let d = from; d <= to; d += step) out.push(d);
  return out;
};

type LocalTime = { day: number; minute: number };

/** A rotation case whose handoff falls on `at`, with settled days `reach` days either side. */
function rotationCase(
  zone: string,
  what: string,
  at: LocalTime,
  rotation: EngineLayer['rotation'],
  reach: number,
): RotationCase {
  const period = rotation.every * (rotation.unit === 'week' ? 7 : 1);
  const first = at.day - reach;
  return {
    what,
    layer: layer(what, zone, { rotation, handoffTime: hhmm(at.minute), startDate: isoDate(first - period) }),
    from: settledInstant(zone, first, at.minute),
    to: settledInstant(zone, at.day + reach, at.minute),
    handoffDays: days(first + period, at.day + reach - period, period),
    firstShiftDay: first,
  };
}

/**
 * Full-day rotations around one transition: daily at the first, middle and last minute of its gap or
 * overlap and at the first minute after it; daily at 02:30; every two days at 01:30; weekly at the
 * middle of the gap or overlap.
 */
function checkRotationsAround(p: Problems, zone: string, changing: LocalTime[], label: string): void {
  const mid = changing[1]!;
  const daily = { unit: 'day', every: 1 } as const;
  const cases = [
    ...changing.map((at) => rotationCase(zone, `${label} daily at ${hhmm(at.minute)}`, at, daily, 3)),
    rotationCase(zone, `${label} daily at 02:30`, { day: mid.day, minute: 150 }, daily, 3),
    rotationCase(zone, `${label} every 2 days at 01:30`, { day: mid.day, minute: 90 }, { unit: 'day', every: 2 }, 4),
    rotationCase(zone, `${label} weekly at ${hhmm(mid.minute)}`, mid, { unit: 'week', every: 1 }, 14),
  ];
  for (const c of cases) checkDayRotation(p, c, rotationShifts(c.layer, c.from, c.to));
}

/** A 12-hour rotation counts elapsed time: handoffs exactly 12 h apart whatever the wall clock does. */
function checkHourRotation(p: Problems, zone: string, anchor: number, label: string): void {
  const what = `${label} every 12 hours`;
  const first = settledInstant(zone, anchor - 3, 150);
  const shiftsWanted = 12;
  const l = layer('hourly', zone, {
    rotation: { unit: 'hour', every: 12 },
    handoffTime: '02:30',
    startDate: isoDate(anchor - 3),
  });
  const shifts = rotationShifts(l, first, first + shiftsWanted * 12 * HOUR);
  checkTiling(p, what, shifts, first, first + shiftsWanted * 12 * HOUR);
  p.check(`${what} count`, shifts.length === shiftsWanted, () => `${shifts.length} shifts`);
  shifts.forEach((s, i) => {
    p.check(`${what} shift ${i} start`, s.start === first + i * 12 * HOUR, () => span(s));
    p.check(`${what} shift ${i} person`, s.userId === PEOPLE[i % PEOPLE.length], () => s.userId);
  });
}

/**
 * A restricted layer over a daily 02:30 rotation: its shifts are exactly the windows (edges at the
 * local times by the same rules), cut only at handoffs, each with the rotation's person; and with a
 * full-day layer below, the final schedule has no gap or overlap and the top layer wins in its windows.
 */
function checkRestricted(
  p: Problems,
  zone: string,
  anchor: number,
  restriction: EngineRestriction,
  label: string,
): void {
  const what = `${label} restricted ${restriction.start}–${restriction.end}${restriction.days.length ? ' weekdays' : ''}`;
  const startMinute = Number(restriction.start.slice(0, 2)) * 60 + Number(restriction.start.slice(3));
  const endMinute = Number(restriction.end.slice(0, 2)) * 60 + Number(restriction.end.slice(3));
  const firstDay = anchor - 3;
  const lastDay = anchor + 3;
  // From and to sit at a window start of settled days, so no window straddles them.
  const from = settledInstant(zone, firstDay, startMinute);
  const to = settledInstant(zone, lastDay, startMinute);
  const rotationFields = { handoffTime: '02:30', startDate: isoDate(firstDay - 7) };
  const top = layer('top', zone, {
    ...rotationFields,
    position: 1,
    participants: TOP_PEOPLE,
    restrictions: [restriction],
  });
  const base = layer('base', zone, rotationFields);

  const rotation = rotationShifts(top, from, to);
  // Which 02:30 handoffs fall strictly inside (from, to) depends on the window start's side of 02:30.
  const firstShiftDay = startMinute >= 150 ? firstDay : firstDay - 1;
  const handoffDays = days(firstShiftDay + 1, startMinute > 150 ? lastDay : lastDay - 1);
  checkDayRotation(p, { what: `${what} rotation`, layer: top, from, to, handoffDays, firstShiftDay }, rotation);

  const pieces = layerShifts(top, from, to);
  const windows: { start: number; end: number }[] = [];
  for (const piece of pieces) {
    const last = windows.at(-1);
    if (last && last.end === piece.start) last.end = piece.end;
    else windows.push({ start: piece.start, end: piece.end });
  }
  const windowDays = days(firstDay, lastDay - 1).filter(
    (d) => restriction.days.length === 0 || restriction.days.includes(weekdayOf(d)),
  );
  p.check(`${what} window count`, windows.length === windowDays.length, () => windows.map(span).join(', '));
  windows.forEach((w, i) => {
    const day = windowDays[i];
    if (day === undefined) return;
    p.localTime(`${what} window of ${isoDate(day)} start`, w.start, day, startMinute);
    p.localTime(`${what} window of ${isoDate(day)} end`, w.end, endMinute <= startMinute ? day + 1 : day, endMinute);
  });
  pieces.forEach((piece, i) => {
    const covering = rotation.find((r) => r.start <= piece.start && piece.start < r.end);
    p.check(`${what} piece ${i} person`, covering?.userId === piece.userId && piece.end <= covering.end, () =>
      span(piece),
    );
    const next = pieces[i + 1];
    if (next && next.start === piece.end) {
      p.check(`${what} piece ${i} cut only at a handoff`, covering?.end === piece.end, () => span(piece));
    }
  });

  const final = resolveSchedule({ layers: [base, top], overrides: [] }, from, to).final;
  checkTiling(p, `${what} final schedule`, final, from, to);
  const fromTop = final.filter((s) => s.layerId === 'top').map((s) => [s.start, s.end, s.userId]);
  p.check(
    `${what} final: top layer wins in its windows`,
    JSON.stringify(fromTop) === JSON.stringify(pieces.map((s) => [s.start, s.end, s.userId])),
    () => 'differs',
  );
  const baseRotation = rotationShifts(base, from, to);
  for (const s of final.filter((f) => f.layerId !== 'top')) {
    const covering = baseRotation.find((r) => r.start <= s.start && s.end <= r.end);
    p.check(`${what} final: lower layer fills the rest`, s.layerId === 'base' && covering?.userId === s.userId, () =>
      span(s),
    );
  }
}

/** Every check around one transition; `label` names it in problems. */
function walkTransition(p: Problems, zone: string, t: Transition): void {
  // The wall times the change skips or repeats: [t.at + smaller offset, t.at + larger offset).
  const first = t.at + Math.min(t.before, t.after) * MINUTE;
  const after = t.at + Math.max(t.before, t.after) * MINUTE;
  const mid = Math.floor((first + after) / 2 / MINUTE) * MINUTE;
  const changing = [first, mid, after - MINUTE, after].map((wall) => {
    const day = Math.floor(wall / DAY);
    return { day, minute: (wall - day * DAY) / MINUTE };
  });
  const anchor = changing[1]!;
  const kind = t.after > t.before ? 'forward' : 'back';
  const label = `${new Date(t.at).toISOString()} (${kind} ${t.before}→${t.after} min):`;
  checkRotationsAround(p, zone, changing, label);
  checkHourRotation(p, zone, anchor.day, label);
  checkRestricted(p, zone, anchor.day, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, label);
  const windowEnd = hhmm((anchor.minute + 180) % 1440);
  checkRestricted(p, zone, anchor.day, { days: [], start: hhmm(anchor.minute), end: windowEnd }, label);
}

// --- the generated suite -----------------------------------------------------------------------

const zonesWithChanges = allZoneNames().filter((zone) => changeIntervals(zone).length > 0);
const total: Tally = { exact: 0, gap: 0, overlap: 0 };
let transitionsWalked = 0;

describe('on-call schedules through every DST transition of every IANA zone, 2020–2035', () => {
  it('finds the zones with offset changes, aliases included', () => {
    for (const zone of [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Antarctica/Troll',
    ]) {
      expect(zonesWithChanges).toContain(zone);
    }
    for (const zone of COMMON_ALIASES) expect(zonesWithChanges).toContain(zone);
    for (const zone of ['Asia/Kolkata', 'UTC', 'Asia/Tokyo']) expect(zonesWithChanges).not.toContain(zone);
    expect(zonesWithChanges.length).toBeGreaterThan(140);
  });

  it.each(zonesWithChanges.map((zone, index) => ({ zone, index })))('$zone', ({ zone, index }) => {
    const p = new Problems(zone);
    const transitions = sampledTransitions(zone, index);
    expect(transitions.length).toBeGreaterThan(0);
    for (const t of transitions) walkTransition(p, zone, t);
    transitionsWalked += transitions.length;
    for (const key of Object.keys(total) as Outcome[]) total[key] += p.tally[key];
    expect(p.list).toEqual([]);
    expect(p.tally.gap + p.tally.overlap).toBeGreaterThanOrEqual(transitions.length);
  });

  it('put thousands of handoffs into spring-forward gaps and fall-back overlaps', () => {
    console.log(
      `[dst] ${zonesWithChanges.length} zones with changes, ${transitionsWalked} transitions walked; ` +
        `local times checked: ${total.exact} plain, ${total.gap} in a gap, ${total.overlap} in an overlap`,
    );
    expect(total.gap).toBeGreaterThan(1_000);
    expect(total.overlap).toBeGreaterThan(1_000);
  });
});
