import type { EscalationPolicy, EscalationPolicyInput, EscalationTarget } from '@firebreak/shared';
import { newKey } from './layer.draft.js';

// An escalation policy as its form edits it. A level's targets are one multi-select whose values
// name the kind and the id (`user:…`, `schedule:…`, `team:…`), so people, schedules and teams'
// on-call sit in one grouped list.

export type LevelDraft = { key: string; name: string; targets: string[]; delayMinutes: number };
export type PolicyDraft = {
  name: string;
  description: string;
  teamId: string | null;
  repeat: number;
  levels: LevelDraft[];
  serviceIds: string[];
};

export const targetValue = (t: EscalationTarget) => `${t.kind}:${t.id}`;

export function targetOf(value: string): EscalationTarget {
  const at = value.indexOf(':');
  return { kind: value.slice(0, at) as EscalationTarget['kind'], id: value.slice(at + 1) };
}

/** "1st level", "2nd level", "3rd level", "11th level": the server's default names. */
export function levelName(index: number): string {
  const n = index + 1;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} level`;
}

export const emptyLevel = (): LevelDraft => ({ key: newKey(), name: '', targets: [], delayMinutes: 15 });

export function emptyPolicy(): PolicyDraft {
  return { name: '', description: '', teamId: null, repeat: 0, levels: [emptyLevel()], serviceIds: [] };
}

export function policyDraftOf(p: EscalationPolicy): PolicyDraft {
  return {
    name: p.name,
    description: p.description,
    teamId: p.teamId,
    repeat: p.repeat,
    serviceIds: [...p.serviceIds],
    levels: p.levels.map((l) => ({
      key: newKey(),
      // A default name is left empty, so reordering renames it ("2nd level" moved up is "1st level").
      name: l.name === levelName(l.index) ? '' : l.name,
      targets: l.targets.map(targetValue),
      delayMinutes: l.delayMinutes,
    })),
  };
}

export function policyInput(d: PolicyDraft): EscalationPolicyInput {
  return {
    name: d.name.trim(),
    description: d.description,
    teamId: d.teamId,
    repeat: d.repeat,
    levels: d.levels.map((l) => ({
      ...(l.name.trim() ? { name: l.name.trim() } : {}),
      targets: l.targets.map(targetOf),
      delayMinutes: l.delayMinutes,
    })),
  };
}

/** Services to point at the policy and those to unset, from the saved list and the edited one. */
export function serviceChanges(saved: readonly string[], wanted: readonly string[]) {
  return { add: wanted.filter((id) => !saved.includes(id)), remove: saved.filter((id) => !wanted.includes(id)) };
}

/** Moves item `index` of a list by `by` places; out-of-range moves change nothing. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}
