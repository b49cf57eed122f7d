import type { PageQuery } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type { ContactMethodsTable, UsersTable } from './directory.model.js';
import { keysetPage } from './pagination.js';

export type UserRow = UsersTable;
export type ContactMethodRow = ContactMethodsTable;

export const getUser = (ex: Executor, id: string) =>
  ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const getUserByEmail = (ex: Executor, email: string) =>
  ex.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const listUsers = (ex: Executor, page: PageQuery) =>
  keysetPage(ex.selectFrom('users').selectAll(), 'id', page, (u) => u.id);

export async function countUsers(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertUser = (ex: Executor, row: UserRow) => ex.insertInto('users').values(row).execute();

export const updateUser = (ex: Executor, id: string, changes: Partial<Omit<UserRow, 'id'>>) =>
  ex.updateTable('users').set(changes).where('id', '=', id).execute();

export async function listContactMethods(ex: Executor, userIds: string[]): Promise<ContactMethodRow[]> {
  if (userIds.length === 0) return [];
  return ex
    .selectFrom('contact_methods')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export const getContactMethod = (ex: Executor, userId: string, id: string) =>
  ex.selectFrom('contact_methods').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

export const insertContactMethod = (ex: Executor, row: ContactMethodRow) =>
  ex.insertInto('contact_methods').values(row).execute();

export const deleteContactMethod = (ex: Executor, userId: string, id: string) =>
  ex.deleteFrom('contact_methods').where('user_id', '=', userId).where('id', '=', id).execute();
