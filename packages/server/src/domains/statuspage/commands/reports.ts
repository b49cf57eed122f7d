import { DraftReportInput, EditReportInput, type PublicIncidentReport } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, forbidden, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { getComponentRows } from '../components.repo.js';
import { getPublicIncidentRow, listAffectedComponentRows, listPublicUpdateRows } from '../incidents.repo.js';
import { formatTime } from '../public/format.js';
import { draftCustomerReport } from '../report-draft.js';
import { getReportByIncident, insertReport, updateReportRow } from '../reports.repo.js';
import { loadSettings } from '../settings.service.js';
import type { ReportRow } from '../statuspage.model.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { presentReport } from '../statuspage.presenter.js';
import { parse } from './inputs.js';
import { changePage } from './page-change.js';

// The customer-facing incident report: drafted (from the postmortem when there is one), edited,
// reviewed by someone other than its last editor, then published on the incident's public page and
// sent to subscribers. Editing a reviewed draft sends it back to review.

export async function draftReport(
  ctx: AppContext,
  by: Editor,
  statusIncidentId: string,
  input: DraftReportInput = {},
): Promise<PublicIncidentReport> {
  requireMay(by, 'communicate', 'write incident reports');
  const data = parse(DraftReportInput, input);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const incident = await getPublicIncidentRow(trx, statusIncidentId);
    if (incident?.kind !== 'incident') throw notFound('public incident', statusIncidentId);
    const existing = await getReportByIncident(trx, incident.id);
    if (existing?.state === 'published') throw conflict('report_published', 'The report is already published.');
    const settings = await loadSettings(trx, ctx);
    const affected = await listAffectedComponentRows(trx, [incident.id]);
    const components = await getComponentRows(
      trx,
      affected.map((a) => a.component_id),
    );
    const updates = (await listPublicUpdateRows(trx, [incident.id])).reverse();
    const draft = draftCustomerReport({
      name: incident.name,
      updates,
      componentNames: components.map((c) => c.name),
      startedAt: formatTime(incident.started_at, settings.time_zone),
      resolvedAt: incident.resolved_at ? formatTime(incident.resolved_at, settings.time_zone) : null,
      postmortem: data.postmortem,
    });
    const now = ctx.clock.now();
    const row: ReportRow = {
      id: existing?.id ?? newId(),
      status_incident_id: incident.id,
      state: 'draft',
      apology: draft.apology,
      what_happened: draft.whatHappened,
      root_cause: draft.rootCause,
      what_we_fixed: draft.whatWeFixed,
      prevention: draft.prevention,
      edited_by: by.userId,
      reviewed_by: null,
      published_at: null,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await updateReportRow(trx, row.id, row);
    else await insertReport(trx, row);
    return row;
  });
  return present(ctx.db, row);
}

export async function editReport(
  ctx: AppContext,
  by: Editor,
  statusIncidentId: string,
  input: EditReportInput,
): Promise<PublicIncidentReport> {
  requireMay(by, 'communicate', 'write incident reports');
  const data = parse(EditReportInput, input);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const existing = await requireReport(trx, statusIncidentId);
    if (existing.state === 'published') throw conflict('report_published', 'A published report is not edited.');
    const next: ReportRow = {
      ...existing,
      apology: data.apology ?? existing.apology,
      what_happened: data.whatHappened ?? existing.what_happened,
      root_cause: data.rootCause ?? existing.root_cause,
      what_we_fixed: data.whatWeFixed ?? existing.what_we_fixed,
      prevention: data.prevention ?? existing.prevention,
      state: 'draft',
      edited_by: by.userId,
      reviewed_by: null,
      updated_at: ctx.clock.now(),
    };
    await updateReportRow(trx, next.id, next);
    return next;
  });
  return present(ctx.db, row);
}

/** A second person signs the report off; the last editor cannot review their own words. */
export async function reviewReport(
  ctx: AppContext,
  by: Editor,
  statusIncidentId: string,
): Promise<PublicIncidentReport> {
  requireMay(by, 'communicate', 'review incident reports');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const existing = await requireReport(trx, statusIncidentId);
    if (existing.state !== 'draft') throw conflict('report_not_draft', `The report is ${existing.state}, not a draft.`);
    if (existing.edited_by === by.userId) throw forbidden('Someone other than the last editor must review the report.');
    if (/\[(Explain|Describe|List) /.test(`${existing.root_cause}${existing.what_we_fixed}${existing.prevention}`)) {
      throw conflict('report_incomplete', 'Fill in the sections still in [brackets] before review.');
    }
    const next: ReportRow = { ...existing, state: 'reviewed', reviewed_by: by.userId, updated_at: ctx.clock.now() };
    await updateReportRow(trx, next.id, next);
    return next;
  });
  return present(ctx.db, row);
}

/** Publishes a reviewed report on the incident's public page and sends it to subscribers. */
export async function publishReport(
  ctx: AppContext,
  by: Editor,
  statusIncidentId: string,
): Promise<PublicIncidentReport> {
  requireMay(by, 'communicate', 'publish incident reports');
  const row = await changePage(ctx, 'report published', async (c) => {
    const existing = await requireReport(c.trx, statusIncidentId);
    if (existing.state !== 'reviewed') {
      throw conflict(
        'report_not_reviewed',
        existing.state === 'published' ? 'The report is already published.' : 'The report must be reviewed first.',
      );
    }
    const next: ReportRow = { ...existing, state: 'published', published_at: c.now, updated_at: c.now };
    await updateReportRow(c.trx, next.id, next);
    await c.trx.updateTable('status_incidents').set({ updated_at: c.now }).where('id', '=', statusIncidentId).execute();
    await c.notifySubscribers(`report:${next.id}`);
    c.emit('statuspage.report_published', { statusIncidentId, reportId: next.id });
    return next;
  });
  return present(ctx.db, row);
}

export async function getReport(ctx: AppContext, statusIncidentId: string): Promise<PublicIncidentReport> {
  return present(ctx.db, await requireReport(ctx.db, statusIncidentId));
}

async function requireReport(ex: Executor, statusIncidentId: string): Promise<ReportRow> {
  const row = await getReportByIncident(ex, statusIncidentId);
  if (!row) throw notFound('incident report', statusIncidentId);
  return row;
}

async function present(ex: Executor, row: ReportRow): Promise<PublicIncidentReport> {
  const ids = [row.edited_by, row.reviewed_by].filter((x): x is string => Boolean(x));
  const people = ids.length ? await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  return presentReport(row, new Map(people.map((p) => [p.id, p])));
}
