import type { OVERRIDE_KINDS, SWAP_STATUSES, TARGET_KINDS } from '@firebreak/shared';
import type { RotationUnit } from './schedule.engine.js';

// Row types of the on-call tables (see migrations/2026-11-23-020-oncall.ts).

export type OverrideKind = (typeof OVERRIDE_KINDS)[number];
export type SwapStatus = (typeof SWAP_STATUSES)[number];
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface SchedulesTable {
  id: string;
  name: string;
  description: string;
  team_id: string | null;
  /** Zone the schedule is displayed in; each layer has its own zone for handoffs. */
  time_zone: string;
  /** Bumped by every change to the schedule, its layers or its overrides: caches compare it. */
  version: number;
  created_at: number;
  updated_at: number;
}

export interface ScheduleLayersTable {
  id: string;
  schedule_id: string;
  /** Higher wins. */
  position: number;
  name: string;
  /** JSON array of user ids, in rotation order. */
  participants: string;
  rotation_unit: RotationUnit;
  rotation_every: number;
  /** HH:mm local. */
  handoff_time: string;
  time_zone: string;
  /** YYYY-MM-DD local. */
  start_date: string;
  /** JSON array of {days, start, end, timeZone?}. */
  restrictions: string;
  created_at: number;
  updated_at: number;
}

export interface ScheduleOverridesTable {
  id: string;
  schedule_id: string;
  kind: OverrideKind;
  user_id: string;
  replaced_user_id: string | null;
  start_at: number;
  end_at: number;
  reason: string;
  swap_id: string | null;
  created_by: string | null;
  created_at: number;
  /** Kept as a record when cancelled; the engine ignores cancelled overrides. */
  cancelled_at: number | null;
  cancelled_by: string | null;
}

export interface ScheduleSwapsTable {
  id: string;
  schedule_id: string;
  status: SwapStatus;
  proposed_by: string;
  proposer_shift_start: number;
  proposer_shift_end: number;
  counterpart_id: string;
  counterpart_shift_start: number;
  counterpart_shift_end: number;
  message: string;
  created_at: number;
  decided_at: number | null;
}

export interface EscalationPoliciesTable {
  id: string;
  name: string;
  description: string;
  team_id: string | null;
  repeat_count: number;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface EscalationLevelsTable {
  policy_id: string;
  position: number;
  name: string;
  delay_minutes: number;
  /** JSON array of {kind, id}. */
  targets: string;
}

export interface ServiceEscalationPoliciesTable {
  service_id: string;
  policy_id: string;
  updated_at: number;
}

export interface OncallCalendarFeedsTable {
  id: string;
  subject_kind: 'schedule' | 'user';
  subject_id: string;
  /** sha256 of the secret in the URL. */
  token_hash: string;
  created_by: string | null;
  created_at: number;
}

declare module '../../core/db/database.js' {
  interface Tables {
    schedules: SchedulesTable;
    schedule_layers: ScheduleLayersTable;
    schedule_overrides: ScheduleOverridesTable;
    schedule_swaps: ScheduleSwapsTable;
    escalation_policies: EscalationPoliciesTable;
    escalation_levels: EscalationLevelsTable;
    service_escalation_policies: ServiceEscalationPoliciesTable;
    oncall_calendar_feeds: OncallCalendarFeedsTable;
  }
}

declare module '../../core/events.js' {
  interface DomainEvents {
    /** A person's on-call stretch starts soon (`notice: 'upcoming'`) or now (`notice: 'handoff'`). */
    'oncall.shift_starting': {
      scheduleId: string;
      scheduleName: string;
      userId: string;
      start: number;
      end: number;
      notice: 'upcoming' | 'handoff';
    };
    'oncall.schedule_changed': { scheduleId: string };
    'oncall.policy_changed': { policyId: string };
  }
}

/** Lead time of the "you are on call from … to …" notice before a stretch starts. */
export const HANDOFF_NOTICE_LEAD_MS = 60 * 60_000;
/** Horizon for gap reports and policy warnings. */
export const COVERAGE_HORIZON_MS = 14 * 86_400_000;
/** Longest range any query may ask for. */
export const MAX_RANGE_MS = 366 * 86_400_000;
