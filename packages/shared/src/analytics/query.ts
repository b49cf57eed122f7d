import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

const SeverityList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(40)).max(20))
  .optional()
  .describe('Comma-separated severity keys, e.g. `sev1,sev2`');

/** The query every figure endpoint takes: a date range and optional filters. */
export const AnalyticsQuery = z.object({
  from: IsoTime.optional().describe('Start of the range (inclusive); default 30 days before `to`'),
  to: IsoTime.optional().describe('End of the range (exclusive); default now'),
  team: z.string().max(64).optional().describe('Team id or slug: incidents routed to it, pages of it'),
  service: z.string().max(64).optional().describe('Service id or slug: incidents affecting it, pages about it'),
  severity: SeverityList,
  format: z.enum(['json', 'csv']).default('json').describe('`csv` answers text/csv with the figures as rows'),
});
export type AnalyticsQuery = z.input<typeof AnalyticsQuery>;

/** The summary compares two ranges: the asked one and, by default, the one of equal length just before. */
export const SummaryQuery = AnalyticsQuery.extend({
  previousFrom: IsoTime.optional().describe(
    'Start of the range to compare with; default `from` minus the range length',
  ),
  previousTo: IsoTime.optional().describe('End of the range to compare with; default `from`'),
});
export type SummaryQuery = z.input<typeof SummaryQuery>;

/** What the figures were computed over, echoed in every answer. */
export const AnalyticsRange = z.object({
  from: IsoTime,
  to: IsoTime,
  team: Id.nullable().describe('Team filter applied, if any'),
  service: Id.nullable().describe('Service filter applied, if any'),
  severities: z.array(z.string()).describe('Severity keys filtered on; empty: all'),
  timeZone: z.string().describe('IANA zone weeks are counted in (weeks start on Monday)'),
});
export type AnalyticsRange = z.infer<typeof AnalyticsRange>;
