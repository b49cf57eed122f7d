import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { OncallUserRef } from './schedules.js';

export const OnCallQuery = z.object({
  service: Id.optional().describe('Who is paged for this service (through its escalation policy)'),
  team: Id.optional().describe("Who is on call in this team's schedules"),
  schedule: Id.optional().describe('Who is on call in this schedule'),
  at: IsoTime.optional().describe('Instant to ask about; defaults to now'),
});

export const OnCallEntry = z.object({
  user: OncallUserRef,
  schedule: z.object({ id: Id, name: z.string() }).nullable().describe('Null for a policy level naming the person'),
  policy: z.object({ id: Id, name: z.string() }).nullable(),
  level: z.number().int().nullable().describe('0-based escalation level, for a service'),
  start: IsoTime.nullable().describe('Start of the current on-call stretch (null for a named person)'),
  end: IsoTime.nullable().describe('When the stretch ends'),
  overrideId: Id.nullable(),
});
export type OnCallEntry = z.infer<typeof OnCallEntry>;

export const OnCallAnswer = z.object({ at: IsoTime, items: z.array(OnCallEntry) });
export type OnCallAnswer = z.infer<typeof OnCallAnswer>;
