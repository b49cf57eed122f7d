import type { PageQuery } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type { ServicesTable } from './directory.model.js';
import { keysetPage } from './pagination.js';

export type ServiceRow = ServicesTable;

export const getService = (ex: Executor, id: string) =>
  ex.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();

export const findServiceClash = (ex: Executor, name: string, slug: string, exceptId?: string) => {
  let q = ex
    .selectFrom('services')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', slug)]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
};

export const listServices = (ex: Executor, page: PageQuery, filter: { teamId?: string | undefined } = {}) => {
  let q = ex.selectFrom('services').selectAll();
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  return keysetPage(q, 'id', page, (s) => s.id);
};

export const insertService = (ex: Executor, row: ServiceRow) => ex.insertInto('services').values(row).execute();

export const updateService = (ex: Executor, id: string, changes: Partial<Omit<ServiceRow, 'id'>>) =>
  ex.updateTable('services').set(changes).where('id', '=', id).execute();

export const deleteService = (ex: Executor, id: string) => ex.deleteFrom('services').where('id', '=', id).execute();
