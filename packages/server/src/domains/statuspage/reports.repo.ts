import type { Executor } from '../../core/db/database.js';
import type { ReportRow, StatusReportsTable } from './statuspage.model.js';

// Customer-facing incident reports: one per public incident.

export const getReportByIncident = (ex: Executor, statusIncidentId: string) =>
  ex.selectFrom('status_reports').selectAll().where('status_incident_id', '=', statusIncidentId).executeTakeFirst();

export const getReportRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_reports').selectAll().where('id', '=', id).executeTakeFirst();

export const insertReport = (ex: Executor, row: StatusReportsTable) =>
  ex.insertInto('status_reports').values(row).execute();

export const updateReportRow = (ex: Executor, id: string, changes: Partial<StatusReportsTable>) =>
  ex.updateTable('status_reports').set(changes).where('id', '=', id).execute();

export const listPublishedReports = (ex: Executor): Promise<ReportRow[]> =>
  ex.selectFrom('status_reports').selectAll().where('state', '=', 'published').execute();
