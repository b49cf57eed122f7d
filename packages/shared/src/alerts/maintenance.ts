import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const MaintenanceWindow = z.object({
  id: Id,
  serviceId: Id,
  startsAt: IsoTime,
  endsAt: IsoTime,
  reason: z.string(),
  origin: z.string().describe('manual, or the domain that opened it (e.g. statuspage)'),
  active: z.boolean().describe('In effect now'),
  createdAt: IsoTime,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const CreateMaintenanceWindowInput = z
  .strictObject({
    serviceId: Id,
    startsAt: IsoTime.optional().describe('Defaults to now'),
    endsAt: IsoTime.optional().describe('When it ends; or give durationMinutes'),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 31)
      .optional()
      .describe('Length from the start, instead of endsAt'),
    reason: z.string().trim().max(500).default('').describe('Why, e.g. `database upgrade`'),
  })
  .refine(
    (v) => (v.endsAt === undefined) !== (v.durationMinutes === undefined),
    'give exactly one of endsAt or durationMinutes',
  );
export type CreateMaintenanceWindowInput = z.input<typeof CreateMaintenanceWindowInput>;

export const MaintenanceListQuery = z.object({
  serviceId: Id.optional(),
  active: z.enum(['true', 'false']).optional().describe('true: only windows in effect now'),
});
