import type { LayerRestriction, ScheduleLayer, ScheduleLayerInput } from '@firebreak/shared';
import type { LayerChange } from './oncall.api.js';

// A layer as the form edits it. The API's rotation ({unit, every}) becomes the choice a person
// makes: daily, weekly, or a custom number of hours, days or weeks.

export type RotationKind = 'daily' | 'weekly' | 'custom';
export type RestrictionDraft = { key: string; days: number[]; start: string; end: string };

export type LayerDraft = {
  /** Stable React key; also tells new layers (no `id`) from saved ones. */
  key: string;
  id?: string;
  name: string;
  participants: string[];
  rotationKind: RotationKind;
  customEvery: number;
  customUnit: 'hour' | 'day' | 'week';
  handoffTime: string;
  timeZone: string;
  startDate: string;
  restrictions: RestrictionDraft[];
};

let counter = 0;
export const newKey = () => `k${++counter}`;

export const WEEKDAYS = [
  { value: 1, label: 'Mon' },
  { value: 2, label: 'Tue' },
  { value: 3, label: 'Wed' },
  { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' },
  { value: 6, label: 'Sat' },
  { value: 7, label: 'Sun' },
] as const;

/** Common windows, one click each. */
export const RESTRICTION_PRESETS = [
  { label: 'Weekdays 09:00–18:00', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
  { label: 'Nightly 20:00–08:00', days: [], start: '20:00', end: '08:00' },
  { label: 'Weekends', days: [6, 7], start: '00:00', end: '00:00' },
] as const;

export function emptyLayer(timeZone: string, startDate: string, index: number): LayerDraft {
  return {
    key: newKey(),
    name: `Layer ${index + 1}`,
    participants: [],
    rotationKind: 'weekly',
    customEvery: 12,
    customUnit: 'hour',
    handoffTime: '09:00',
    timeZone,
    startDate,
    restrictions: [],
  };
}

export function draftOf(layer: ScheduleLayer): LayerDraft {
  const { unit, every } = layer.rotation;
  const rotationKind: RotationKind =
    every === 1 && unit === 'day' ? 'daily' : every === 1 && unit === 'week' ? 'weekly' : 'custom';
  return {
    key: newKey(),
    id: layer.id,
    name: layer.name,
    participants: [...layer.participants],
    rotationKind,
    customEvery: every,
    customUnit: unit,
    handoffTime: layer.handoffTime,
    timeZone: layer.timeZone,
    startDate: layer.startDate,
    restrictions: layer.restrictions.map((r) => ({ key: newKey(), days: [...r.days], start: r.start, end: r.end })),
  };
}

export function rotationOf(d: LayerDraft): { unit: 'hour' | 'day' | 'week'; every: number } {
  if (d.rotationKind === 'daily') return { unit: 'day', every: 1 };
  if (d.rotationKind === 'weekly') return { unit: 'week', every: 1 };
  return { unit: d.customUnit, every: d.customEvery };
}

export function layerInput(d: LayerDraft): ScheduleLayerInput {
  return {
    name: d.name.trim(),
    participants: d.participants,
    rotation: rotationOf(d),
    handoffTime: d.handoffTime,
    timeZone: d.timeZone,
    startDate: d.startDate,
    restrictions: d.restrictions.map(
      (r): LayerRestriction => ({ days: [...r.days].sort((a, b) => a - b), start: r.start, end: r.end }),
    ),
  };
}

/** "Weekly, handing off Mondays at 09:00" style summary of a rotation. */
export function describeRotation(rotation: { unit: string; every: number }, handoffTime: string): string {
  const { unit, every } = rotation;
  if (unit === 'hour') return `Every ${every} hour${every === 1 ? '' : 's'}`;
  const length =
    every === 1 ? (unit === 'day' ? 'Daily' : 'Weekly') : `Every ${every} ${unit === 'day' ? 'days' : 'weeks'}`;
  return `${length}, handoff at ${handoffTime}`;
}

/** "Mon–Fri 09:00–18:00", "Every day 20:00–08:00". */
export function describeRestriction(r: { days: number[]; start: string; end: string }): string {
  const sorted = [...r.days].sort((a, b) => a - b);
  const names = sorted.map((d) => WEEKDAYS[d - 1]?.label ?? String(d));
  const consecutive = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === (sorted[i - 1] ?? 0) + 1);
  const days =
    sorted.length === 0 || sorted.length === 7
      ? 'Every day'
      : consecutive
        ? `${names[0]}–${names.at(-1)}`
        : names.join(', ');
  return `${days} ${r.start}–${r.end}${r.end <= r.start ? ' (next day)' : ''}`;
}

/**
 * The requests that turn the saved layers into the edited list (`drafts`, lowest position first):
 * deletions, updates of the kept layers, additions (each lands on top); and the wanted order, by
 * id or, for a layer not yet saved, by its draft key.
 */
export function layerChanges(
  saved: ScheduleLayer[],
  drafts: LayerDraft[],
): { changes: LayerChange[]; order: string[] } {
  const kept = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  const changes: LayerChange[] = saved
    .filter((l) => !kept.has(l.id))
    .map((l) => ({ kind: 'delete' as const, layerId: l.id }));
  for (const d of drafts) {
    if (d.id) changes.push({ kind: 'update', layerId: d.id, input: layerInput(d) });
  }
  for (const d of drafts) {
    if (!d.id) changes.push({ kind: 'add', key: d.key, input: layerInput(d) });
  }
  return { changes, order: drafts.map((d) => d.id ?? d.key) };
}
