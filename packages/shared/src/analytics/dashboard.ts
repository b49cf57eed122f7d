import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { IncidentStatus } from '../incidents/lifecycle.js';
import { PersonRef } from '../incidents/roles.js';
import { SeverityRef } from '../incidents/severities.js';
import { PageStatus, PageUrgency } from '../paging/pages.js';
import { ActionItemStatus, PostmortemStatus } from '../postmortems/lifecycle.js';
import { KeyFigures } from './figures.js';

export const DashboardIncident = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: SeverityRef.nullable(),
  private: z.boolean(),
  commander: PersonRef.nullable(),
  declaredAt: IsoTime.nullable(),
  nextUpdateDueAt: IsoTime.nullable(),
  updateOverdue: z.boolean(),
});
export type DashboardIncident = z.infer<typeof DashboardIncident>;

/** The home page in one answer: what is burning, what is mine, who is on call, what is due, how we are doing. */
export const Dashboard = z.object({
  now: IsoTime,
  activeIncidents: z.array(DashboardIncident).describe('Active incidents you may see, most severe first'),
  activeBySeverity: z.array(
    z.object({
      severity: z.string(),
      name: z.string(),
      rank: z.number().int(),
      count: z.number().int(),
      overdue: z.number().int().describe('Of them, with a status update overdue'),
    }),
  ),
  myPages: z
    .array(
      z.object({
        id: Id,
        summary: z.string(),
        status: PageStatus,
        urgency: PageUrgency,
        incidentId: Id.nullable(),
        createdAt: IsoTime,
      }),
    )
    .describe('Open pages that reached you, newest first'),
  onCall: z
    .array(
      z.object({
        team: z.object({ id: Id, name: z.string() }),
        people: z.array(
          z.object({
            user: PersonRef,
            schedule: z.object({ id: Id, name: z.string() }),
            until: IsoTime.nullable().describe('Next handoff; null when none within 30 days'),
          }),
        ),
      }),
    )
    .describe('Who is on call now in each team that has a schedule'),
  postmortemsDue: z
    .array(
      z.object({
        id: Id,
        title: z.string(),
        incidentNumber: z.string(),
        status: PostmortemStatus,
        owner: PersonRef.nullable(),
        dueAt: IsoTime.describe('Draft due while a draft, else publication due'),
        overdue: z.boolean(),
      }),
    )
    .describe('Unpublished postmortems due within 7 days or overdue'),
  actionItemsDue: z
    .array(
      z.object({
        id: Id,
        title: z.string(),
        incidentNumber: z.string(),
        status: ActionItemStatus,
        dueAt: IsoTime,
        overdue: z.boolean(),
      }),
    )
    .describe('Your open action items due within 7 days or overdue'),
  figures: z
    .object({ current: KeyFigures, previous: KeyFigures })
    .describe('This month so far against the same days of last month'),
});
export type Dashboard = z.infer<typeof Dashboard>;
