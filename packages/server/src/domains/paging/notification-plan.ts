import type { ChannelKind, PageUrgency } from '@firebreak/shared';
import { type Hours, isWorkingTime, nextWorkingStart } from './working-hours.js';

// Which notifications one person gets for one escalation step. Pure, so its timing rules are
// tested with tables of cases.

export type Method = { id: string; kind: string; address: string };
export type Rule = { contactMethodId: string; delayMinutes: number };

export type Recipient = {
  userId: string;
  methods: readonly Method[];
  rules: { high: readonly Rule[]; low: readonly Rule[] };
  hours: Hours;
};

export type PlannedNotification = {
  channel: ChannelKind;
  contactMethodId: string | null;
  address: string;
  dueAt: number;
};

export type Plan = {
  notifications: PlannedNotification[];
  outsideWorkingHours: boolean;
  /** False when the person has no contact method outside the app: the step should not wait for them. */
  reachable: boolean;
};

const CHANNEL_OF: Record<string, ChannelKind> = {
  email: 'email',
  sms: 'sms',
  voice: 'voice',
  webhook: 'webhook',
  slack: 'slack',
  ntfy: 'ntfy',
};

/**
 * The person's rules for the urgency (default: every contact method at 0 minutes), counted from the
 * step's start, or, for a low-urgency page outside working hours, from when their working hours
 * begin. The in-app notification is always immediate: it is silent.
 *
 * @example
 * planNotifications(person, 'high', stepStart).notifications; // webhook at 0, email at +2 min, …
 */
export function planNotifications(person: Recipient, urgency: PageUrgency, stepStart: number): Plan {
  const outsideWorkingHours = !isWorkingTime(stepStart, person.hours);
  const base = urgency === 'low' ? nextWorkingStart(stepStart, person.hours) : stepStart;
  return { ...planFrom(person, person.rules[urgency], stepStart, base), outsideWorkingHours };
}

/**
 * A notice (a reminder, a prompt, a handoff) follows the person's low-urgency rules, counted from
 * now even outside working hours: it is about something happening now, and waiting would make it
 * stale. It never escalates, and reading it in the app stops what is still due.
 *
 * @example
 * planNotice(person, now).notifications; // in-app now, email now, …
 */
export function planNotice(person: Recipient, at: number): Plan {
  return { ...planFrom(person, person.rules.low, at, at), outsideWorkingHours: !isWorkingTime(at, person.hours) };
}

function planFrom(
  person: Recipient,
  rules: readonly Rule[],
  inAppAt: number,
  base: number,
): Omit<Plan, 'outsideWorkingHours'> {
  const byId = new Map(person.methods.map((m) => [m.id, m]));
  const effective: Rule[] =
    rules.length > 0 ? [...rules] : person.methods.map((m) => ({ contactMethodId: m.id, delayMinutes: 0 }));
  const notifications: PlannedNotification[] = [
    { channel: 'in_app', contactMethodId: null, address: '', dueAt: inAppAt },
  ];
  for (const rule of effective) {
    const method = byId.get(rule.contactMethodId);
    const channel = method && CHANNEL_OF[method.kind];
    if (!method || !channel) continue;
    notifications.push({
      channel,
      contactMethodId: method.id,
      address: method.address,
      dueAt: base + rule.delayMinutes * 60_000,
    });
  }
  return { notifications, reachable: notifications.length > 1 };
}
