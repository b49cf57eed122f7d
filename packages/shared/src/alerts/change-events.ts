import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { AlertLink } from './alerts.js';

/** Something that changed (a deploy, a config push): context for responders, never pages. */
export const ChangeEvent = z.object({
  id: Id,
  serviceId: Id,
  integrationId: Id.nullable(),
  summary: z.string(),
  source: z.string().nullable(),
  details: z.unknown().nullable(),
  links: z.array(AlertLink),
  occurredAt: IsoTime,
  receivedAt: IsoTime,
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const ChangeEventListQuery = PageQuery.extend({
  serviceId: Id.optional(),
  incidentId: Id.optional().describe(
    "Changes to the incident's services in the 24 hours before it was detected, and since",
  ),
});
