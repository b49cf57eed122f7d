import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { IncidentStatus } from '../incidents/lifecycle.js';

/** One active incident as stakeholders see it: what, how bad, and the latest stakeholder update. */
export const InternalStatusIncident = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: z.string().nullable().describe('Severity name'),
  services: z.array(z.string()).describe('Affected service names'),
  declaredAt: IsoTime.nullable(),
  latestUpdate: z
    .object({
      postedAt: IsoTime,
      currentStatus: z.string(),
      impact: z.string(),
      nextUpdateAt: IsoTime.nullable(),
    })
    .nullable()
    .describe('Latest stakeholder update; null when none was posted yet'),
  publicPageUrl: z.string().nullable().describe('Its public status page, when published'),
});
export type InternalStatusIncident = z.infer<typeof InternalStatusIncident>;

export const InternalStatus = z.object({
  incidents: z.array(InternalStatusIncident),
  generatedAt: IsoTime,
});
export type InternalStatus = z.infer<typeof InternalStatus>;
