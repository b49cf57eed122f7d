import type { Executor } from '../../core/db/database.js';
import type { SeveritiesTable, SeverityRow } from './incidents.model.js';

export const listSeverityRows = (ex: Executor): Promise<SeverityRow[]> =>
  ex.selectFrom('severities').selectAll().orderBy('rank').orderBy('key').execute();

export const getSeverityByKey = (ex: Executor, key: string) =>
  ex.selectFrom('severities').selectAll().where('key', '=', key.trim().toLowerCase()).executeTakeFirst();

export const getSeverityById = (ex: Executor, id: string) =>
  ex.selectFrom('severities').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSeverity = (ex: Executor, row: SeveritiesTable) => ex.insertInto('severities').values(row).execute();

export const updateSeverityRow = (ex: Executor, id: string, changes: Partial<Omit<SeveritiesTable, 'id' | 'key'>>) =>
  ex.updateTable('severities').set(changes).where('id', '=', id).execute();

export const deleteSeverityRow = (ex: Executor, id: string) =>
  ex.deleteFrom('severities').where('id', '=', id).execute();

export async function countIncidentsWithSeverity(ex: Executor, severityId: string): Promise<number> {
  const row = await ex
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('severity_id', '=', severityId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
