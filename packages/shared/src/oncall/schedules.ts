import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { TimeZone } from '../directory/users.js';

export const OncallLocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour local time HH:mm, e.g. 09:00')
  .describe('Local wall-clock time HH:mm');

export const OncallLocalDate = z.iso.date().describe('Local calendar date YYYY-MM-DD');

export const ROTATION_UNITS = ['hour', 'day', 'week'] as const;

/** daily = {unit: day, every: 1}; weekly = {unit: week, every: 1}; custom = N hours or days. */
export const LayerRotation = z.strictObject({
  unit: z
    .enum(ROTATION_UNITS)
    .describe('hour: every N elapsed hours; day/week: every N calendar days/weeks at the handoff time'),
  every: z.number().int().min(1).max(365).default(1).describe('Length of one shift in units'),
});
export type LayerRotation = z.infer<typeof LayerRotation>;

export const LayerRestriction = z.strictObject({
  days: z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .default([])
    .describe('ISO weekdays (1 = Monday … 7 = Sunday) the window starts on; empty for every day'),
  start: OncallLocalTime.describe('Window start, local time'),
  end: OncallLocalTime.describe('Window end, local time; at or before start means the window runs past midnight'),
  timeZone: TimeZone.optional().describe("Zone of the window; defaults to the layer's zone"),
});
export type LayerRestriction = z.infer<typeof LayerRestriction>;

export const ScheduleLayerInput = z.strictObject({
  name: z.string().trim().max(100).default('').describe('ScheduleLayer name, e.g. "Europe daytime"'),
  participants: z
    .array(z.string().min(1).max(64))
    .min(1, 'a rotation needs at least one participant')
    .max(200)
    .describe('User ids in rotation order; a person may appear more than once'),
  rotation: LayerRotation,
  handoffTime: OncallLocalTime.default('09:00').describe('Local time at which one shift hands off to the next'),
  timeZone: TimeZone.describe('Zone of the handoff time and start date'),
  startDate: OncallLocalDate.describe('Local date of the first handoff; the first participant starts then'),
  restrictions: z
    .array(LayerRestriction)
    .max(50)
    .default([])
    .describe('When set, the layer only covers these windows; outside them it falls through to lower layers'),
});
export type ScheduleLayerInput = z.input<typeof ScheduleLayerInput>;

export const UpdateScheduleLayerInput = ScheduleLayerInput.partial().extend({
  position: z.number().int().min(0).max(100).optional().describe('New position; higher positions win'),
});
export type UpdateScheduleLayerInput = z.input<typeof UpdateScheduleLayerInput>;

export const ScheduleLayer = z.object({
  id: Id,
  position: z.number().int().describe('Higher positions win where they have someone on call'),
  name: z.string(),
  participants: z.array(Id).describe('User ids in rotation order'),
  rotation: z.object({ unit: z.enum(ROTATION_UNITS), every: z.number().int() }),
  handoffTime: z.string().describe('Local time HH:mm'),
  timeZone: z.string().describe('IANA zone'),
  startDate: z.string().describe('Local date YYYY-MM-DD'),
  restrictions: z.array(
    z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string(), timeZone: z.string().optional() }),
  ),
});
export type ScheduleLayer = z.infer<typeof ScheduleLayer>;

export const Schedule = z.object({
  id: Id,
  name: z.string().describe('Schedule name, unique'),
  description: z.string(),
  teamId: Id.nullable().describe('Owning team; its managers may edit the schedule'),
  timeZone: z.string().describe('Zone the schedule is shown in by default'),
  layers: z.array(ScheduleLayer).describe('Ordered from lowest to highest position'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Schedule = z.infer<typeof Schedule>;

export const CreateScheduleInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Schedule name, unique'),
  description: z.string().max(2000).default(''),
  teamId: Id.nullable().default(null).describe('Owning team id'),
  timeZone: TimeZone.default('UTC').describe('Zone the schedule is shown in by default'),
  layers: z.array(ScheduleLayerInput).max(20).default([]).describe('Layers, lowest first'),
});
export type CreateScheduleInput = z.input<typeof CreateScheduleInput>;

export const UpdateScheduleInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(2000).optional(),
  teamId: Id.nullable().optional(),
  timeZone: TimeZone.optional(),
});
export type UpdateScheduleInput = z.input<typeof UpdateScheduleInput>;

export const ScheduleListQuery = z.object({
  team: Id.optional().describe('Only schedules of this team'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

export const OncallUserRef = z.object({ id: Id, name: z.string().describe('Display name, or the id if unknown') });

export const ScheduleShift = z.object({
  start: IsoTime,
  end: IsoTime,
  user: OncallUserRef,
  layerId: Id.nullable().describe('ScheduleLayer the shift comes from; null when an override decides it'),
  overrideId: Id.nullable().describe('ScheduleOverride that put this person on call, if any'),
});
export type ScheduleShift = z.infer<typeof ScheduleShift>;

export const ScheduleRangeQuery = z.object({
  from: IsoTime.optional().describe('Range start; defaults to now'),
  to: IsoTime.optional().describe('Range end; defaults to 14 days after from; at most one year after from'),
});

export const ShiftsQuery = ScheduleRangeQuery.extend({
  layers: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Also return each layer’s own shifts and the overrides in the range'),
});

export const OVERRIDE_KINDS = ['override', 'take_over', 'swap'] as const;

export const ScheduleOverride = z.object({
  id: Id,
  scheduleId: Id,
  kind: z.enum(OVERRIDE_KINDS).describe('override: made by hand; take_over: "take over now"; swap: an accepted swap'),
  user: OncallUserRef.describe('Who is on call during the override'),
  replacedUser: OncallUserRef.nullable().describe('Whose shifts it covers; null covers whoever is on call (and gaps)'),
  start: IsoTime,
  end: IsoTime,
  reason: z.string(),
  swapId: Id.nullable(),
  createdBy: Id.nullable(),
  createdAt: IsoTime,
});
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

export const ScheduleLayerShifts = z.object({
  layerId: Id,
  name: z.string(),
  position: z.number().int(),
  shifts: z.array(ScheduleShift),
});

export const ShiftsAnswer = z.object({
  scheduleId: Id,
  timeZone: z.string().describe('Display zone of the schedule'),
  from: IsoTime,
  to: IsoTime,
  final: z.array(ScheduleShift).describe('Who is on call, after layers and overrides'),
  layers: z.array(ScheduleLayerShifts).optional().describe('Each layer’s own shifts, highest position first'),
  overrides: z.array(ScheduleOverride).optional().describe('Overrides that touch the range'),
});
export type ShiftsAnswer = z.infer<typeof ShiftsAnswer>;

export const CoverageGap = z.object({ start: IsoTime, end: IsoTime });
export const GapsAnswer = z.object({
  scheduleId: Id,
  name: z.string(),
  from: IsoTime,
  to: IsoTime,
  gaps: z.array(CoverageGap).describe('Times when nobody is on call'),
});
export type GapsAnswer = z.infer<typeof GapsAnswer>;

export const CreateOverrideInput = z
  .strictObject({
    userId: Id.describe('Who will be on call'),
    replacedUserId: Id.nullable()
      .default(null)
      .describe('Whose shifts to cover; null to be on call for the whole range regardless'),
    start: IsoTime.describe('ScheduleOverride start'),
    end: IsoTime.describe('ScheduleOverride end; after start'),
    reason: z.string().max(500).default(''),
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { path: ['end'], message: 'must be after start' });
export type CreateOverrideInput = z.input<typeof CreateOverrideInput>;

export const OverrideCreated = z.object({
  override: ScheduleOverride,
  replaced: z.array(ScheduleOverride).describe('Older overlapping overrides this one now wins over (most recent wins)'),
});
export type OverrideCreated = z.infer<typeof OverrideCreated>;

export const TakeOverShiftInput = z.strictObject({ reason: z.string().max(500).default('') });

export const SWAP_STATUSES = ['proposed', 'accepted', 'declined', 'cancelled'] as const;
export const ShiftSwap = z.object({
  id: Id,
  scheduleId: Id,
  status: z.enum(SWAP_STATUSES),
  proposedBy: OncallUserRef,
  proposerShift: CoverageGap.describe('ScheduleShift of the proposer that the other person takes'),
  counterpart: OncallUserRef,
  counterpartShift: CoverageGap.describe('ScheduleShift of the other person that the proposer takes'),
  message: z.string(),
  createdAt: IsoTime,
  decidedAt: IsoTime.nullable(),
});
export type ShiftSwap = z.infer<typeof ShiftSwap>;

export const ProposeSwapInput = z.strictObject({
  shiftStart: IsoTime.describe('Any instant inside your own shift to give away'),
  counterpartUserId: Id.describe('Who you swap with'),
  counterpartShiftStart: IsoTime.describe("Any instant inside the other person's shift you take"),
  message: z.string().max(500).default(''),
});
export type ProposeSwapInput = z.input<typeof ProposeSwapInput>;

export const CalendarFeedUrl = z.object({
  url: z
    .string()
    .describe('Secret iCalendar URL; anyone with it can read the shifts. Creating a new one revokes the old'),
});
