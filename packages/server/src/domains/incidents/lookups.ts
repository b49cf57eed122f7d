import type { Executor } from '../../core/db/database.js';
import '../directory/directory.model.js';

// Read-only lookups of the directory's people, services and teams that incidents need in bulk
// (names for lists, validation of ids in one query). The directory domain owns and writes these tables.

export type PersonName = { id: string; name: string };

export async function personNames(ex: Executor, ids: (string | null | undefined)[]): Promise<Map<string, PersonName>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** An active (not deactivated) person, or undefined. */
export const getActivePerson = (ex: Executor, id: string) =>
  ex
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('id', '=', id)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();

/** Services by id or slug, in the order asked; unknown references are returned separately. */
export async function findServices(ex: Executor, refs: string[]) {
  if (refs.length === 0) return { found: [], unknown: [] as string[] };
  const rows = await ex
    .selectFrom('services')
    .select(['id', 'name', 'slug', 'team_id'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('slug', 'in', refs)]))
    .execute();
  const found: typeof rows = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const row = rows.find((r) => r.id === ref || r.slug === ref);
    if (!row) unknown.push(ref);
    else if (!found.includes(row)) found.push(row);
  }
  return { found, unknown };
}

export async function teamIdsOf(ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export const getTeamRow = (ex: Executor, id: string) =>
  ex.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
