import {
  AnalyticsQuery,
  CadenceFigures,
  Dashboard,
  IncidentFigures,
  OncallLoadFigures,
  PostmortemFigures,
  ResponseFigures,
  SummaryFigures,
  SummaryQuery,
} from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { invalidField } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { viewerOf } from '../incidents/route-helpers.js';
import { cadenceCsv, incidentsCsv, oncallLoadCsv, postmortemsCsv, responseCsv, summaryCsv } from './analytics.csv.js';
import { dashboardFor } from './dashboard.service.js';
import {
  cadenceFigures,
  incidentFigures,
  keyFigures,
  oncallLoadFigures,
  postmortemFigures,
  responseFigures,
} from './figures.service.js';
import { readFigures } from './read.js';
import { rangeOf, resolveScope, type Scope, withRange } from './scope.js';

const tags = ['analytics'];
const FILTERS =
  'Range `from`–`to` (default: the last 30 days), filters `team`, `service`, `severity`. Private incidents count only for people who may see them. `?format=csv` answers the table as text/csv.';

type FigureGroup<T> = {
  path: string;
  summary: string;
  response: z.ZodType<T>;
  compute: (ex: Executor, scope: Scope) => Promise<T>;
  csv: (figures: T) => string;
};

const GROUPS = [
  {
    path: 'incidents',
    summary: 'Incident count by severity and week, and the customer-reported share',
    response: IncidentFigures,
    compute: incidentFigures,
    csv: incidentsCsv,
  } satisfies FigureGroup<IncidentFigures>,
  {
    path: 'response',
    summary: 'MTTA, time to assign a commander, time to mitigate, MTTR (mean, p50, p90) and their weekly trend',
    response: ResponseFigures,
    compute: responseFigures,
    csv: responseCsv,
  } satisfies FigureGroup<ResponseFigures>,
  {
    path: 'oncall-load',
    summary: 'Pages per person, outside working hours, in sleep hours, and by local hour of day',
    response: OncallLoadFigures,
    compute: oncallLoadFigures,
    csv: oncallLoadCsv,
  } satisfies FigureGroup<OncallLoadFigures>,
  {
    path: 'cadence',
    summary: 'Status-update cadence adherence and the longest silence, by severity and audience',
    response: CadenceFigures,
    compute: cadenceFigures,
    csv: cadenceCsv,
  } satisfies FigureGroup<CadenceFigures>,
  {
    path: 'postmortems',
    summary: 'Postmortem completion and time to publish, action items, top contributing factors and tags',
    response: PostmortemFigures,
    compute: postmortemFigures,
    csv: postmortemsCsv,
  } satisfies FigureGroup<PostmortemFigures>,
] as const;

export function analyticsRoutes(app: App, ctx: AppContext): void {
  for (const group of GROUPS) figureRoute(app, ctx, group as FigureGroup<unknown>);

  app.get(
    '/analytics/summary',
    {
      schema: {
        tags,
        summary: 'Key figures of a range against the range before it (or `previousFrom`–`previousTo`)',
        description: FILTERS,
        querystring: SummaryQuery,
        response: { 200: SummaryFigures },
        produces: ['application/json', 'text/csv'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const { format, previousFrom, previousTo, ...query } = request.query;
      const scope = await resolveScope(ctx, viewerOf(request), query);
      const length = scope.to - scope.from;
      const prevTo = previousTo ? Date.parse(previousTo) : scope.from;
      const prevFrom = previousFrom ? Date.parse(previousFrom) : prevTo - length;
      if (prevFrom >= prevTo) throw invalidField('previousFrom', 'must be before `previousTo`');
      // Each range from its own snapshot, the two side by side on PostgreSQL's pool.
      const [current, previous] = await Promise.all([
        readFigures(ctx, (ex) => keyFigures(ex, scope)),
        readFigures(ctx, (ex) => keyFigures(ex, withRange(scope, prevFrom, prevTo))),
      ]);
      const figures = { range: rangeOf(scope), current, previous };
      if (format === 'csv') {
        return reply
          .type(CSV_TYPE)
          .header('content-disposition', attachment('summary', scope))
          .send(summaryCsv(figures) as never);
      }
      return figures;
    },
  );

  app.get(
    '/analytics/dashboard',
    {
      schema: {
        tags,
        summary: 'The home page: active incidents, your open pages, who is on call, what is due, this month’s figures',
        response: { 200: Dashboard },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return dashboardFor(ctx, viewer, await resolveScope(ctx, viewer, {}));
    },
  );
}

function figureRoute(app: App, ctx: AppContext, group: FigureGroup<unknown>): void {
  app.get(
    `/analytics/${group.path}`,
    {
      schema: {
        tags,
        summary: group.summary,
        description: FILTERS,
        querystring: AnalyticsQuery,
        response: { 200: group.response },
        produces: ['application/json', 'text/csv'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const scope = await resolveScope(ctx, viewerOf(request), query);
      const figures = await readFigures(ctx, (ex) => group.compute(ex, scope));
      if (format === 'csv') {
        return reply
          .type(CSV_TYPE)
          .header('content-disposition', attachment(group.path, scope))
          .send(group.csv(figures) as never);
      }
      return figures;
    },
  );
}

// A string with a non-JSON content type is sent as it is, past the JSON response schema.
const CSV_TYPE = 'text/csv; charset=utf-8';

/** `attachment; filename="firebreak-<name>-<from>-<to>.csv"`. */
function attachment(name: string, scope: Scope): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `attachment; filename="firebreak-${name}-${day(scope.from)}-${day(scope.to)}.csv"`;
}
