import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { AnalyticsRange } from './query.js';

const Ms = z.number().nullable();
const Share = z.number().min(0).max(1).nullable().describe('0–1; null when there is nothing to divide by');

/** A duration's distribution over a set of incidents or pages. Percentiles are interpolated (like percentile_cont). */
export const DurationStats = z.object({
  count: z.number().int().describe('How many had this duration'),
  meanMs: Ms.describe('Mean in ms; null when count is 0'),
  p50Ms: Ms.describe('Median in ms'),
  p90Ms: Ms.describe('90th percentile in ms'),
});
export type DurationStats = z.infer<typeof DurationStats>;

export const SeverityCount = z.object({
  severity: z.string().describe('Severity key'),
  name: z.string(),
  rank: z.number().int(),
  count: z.number().int(),
});
export type SeverityCount = z.infer<typeof SeverityCount>;

export const IncidentFigures = z.object({
  range: AnalyticsRange,
  count: z.number().int().describe('Incidents declared in the range (merged duplicates left out)'),
  bySeverity: z.array(SeverityCount).describe('Most severe first; every severity, zeros included'),
  customerReported: z.number().int().describe('Of them, found through a customer report'),
  customerReportedShare: Share,
  weeks: z
    .array(
      z.object({
        weekStart: IsoTime.describe('Monday 00:00 in the range time zone'),
        total: z.number().int(),
        bySeverity: z.array(z.object({ severity: z.string(), count: z.number().int() })),
      }),
    )
    .describe('Every week the range touches, oldest first'),
});
export type IncidentFigures = z.infer<typeof IncidentFigures>;

export const ResponseFigures = z.object({
  range: AnalyticsRange,
  acknowledge: DurationStats.describe('MTTA: detected (alert fired, report received) → a commander took it'),
  assignCommander: DurationStats.describe('Incident opened (declared or reported) → first commander assigned'),
  mitigate: DurationStats.describe('Detected → impact stopped (monitoring or resolved)'),
  resolve: DurationStats.describe('MTTR: detected → resolved'),
  pageAcknowledge: DurationStats.describe('Page triggered → acknowledged, for pages triggered in the range'),
  weeks: z
    .array(
      z.object({
        weekStart: IsoTime,
        incidents: z.number().int(),
        mttaP50Ms: Ms,
        mttaP90Ms: Ms,
        mttrP50Ms: Ms,
        mttrP90Ms: Ms,
      }),
    )
    .describe('Weekly trend of MTTA and MTTR, by declaration week'),
});
export type ResponseFigures = z.infer<typeof ResponseFigures>;

export const PersonLoad = z.object({
  user: z.object({ id: Id, name: z.string() }),
  timeZone: z.string().describe('Zone the hours are counted in: working-hours zone, else the profile zone'),
  pages: z.number().int().describe('Pages that reached this person'),
  outsideWorkingHours: z.number().int(),
  sleepHours: z.number().int().describe('Pages between 22:00 and 07:00 in the person’s zone'),
  acknowledged: z.number().int().describe('Pages this person acknowledged'),
  acknowledgeP50Ms: Ms.describe('Median time from being notified to acknowledging, for pages they acknowledged'),
  hours: z.array(z.number().int()).length(24).describe('Pages by local hour of day, 0–23'),
});
export type PersonLoad = z.infer<typeof PersonLoad>;

export const OncallLoadFigures = z.object({
  range: AnalyticsRange,
  pages: z.number().int().describe('Page notifications to people (one page reaching two people counts twice)'),
  outsideWorkingHours: z.number().int(),
  sleepHours: z.number().int(),
  people: z.array(PersonLoad).describe('Busiest first'),
});
export type OncallLoadFigures = z.infer<typeof OncallLoadFigures>;

export const Adherence = z.object({
  incidents: z.number().int().describe('Incidents counted (those with an expected cadence)'),
  posted: z.number().int().describe('Updates posted'),
  onTime: z.number().int().describe('Posted no later than they were due'),
  late: z.number().int(),
  adherence: Share.describe('onTime / posted'),
  longestSilenceMs: Ms.describe('Longest time without an update, declaration to resolution'),
});
export type Adherence = z.infer<typeof Adherence>;

export const CadenceFigures = z.object({
  range: AnalyticsRange,
  stakeholders: Adherence,
  public: Adherence.describe('Only severities that expect public updates'),
  bySeverity: z.array(
    z.object({
      severity: z.string(),
      name: z.string(),
      rank: z.number().int(),
      cadenceMinutes: z.number().int().nullable(),
      stakeholders: Adherence,
      public: Adherence,
    }),
  ),
});
export type CadenceFigures = z.infer<typeof CadenceFigures>;

export const PostmortemFigures = z.object({
  range: AnalyticsRange,
  required: z.number().int().describe('Resolved incidents of the range whose severity requires a postmortem'),
  started: z.number().int().describe('Of those, with a postmortem'),
  published: z.number().int().describe('Of those, with a published postmortem'),
  completion: Share.describe('published / required'),
  timeToPublish: DurationStats.describe('Resolved → postmortem published'),
  actionItems: z.object({
    opened: z.number().int().describe('Created in the range'),
    closed: z.number().int().describe('Done or dropped in the range'),
    overdue: z.number().int().describe('Still open past their due date at the end of the range'),
  }),
  factors: z.array(z.object({ category: z.string(), count: z.number().int() })).describe('Most frequent first'),
  tags: z.array(z.object({ tag: z.string(), count: z.number().int() })).describe('Most frequent first'),
});
export type PostmortemFigures = z.infer<typeof PostmortemFigures>;

/** The headline numbers of one range. */
export const KeyFigures = z.object({
  from: IsoTime,
  to: IsoTime,
  incidents: z.number().int(),
  mttaP50Ms: Ms,
  mttrP50Ms: Ms,
  mttrP90Ms: Ms,
  pages: z.number().int(),
  sleepHourPages: z.number().int(),
  cadenceAdherence: Share.describe('Stakeholder updates on time'),
  postmortemCompletion: Share,
  actionItemsOverdue: z.number().int(),
  customerReportedShare: Share,
});
export type KeyFigures = z.infer<typeof KeyFigures>;

export const SummaryFigures = z.object({
  range: AnalyticsRange,
  current: KeyFigures,
  previous: KeyFigures,
});
export type SummaryFigures = z.infer<typeof SummaryFigures>;
