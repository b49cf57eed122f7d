import type { Insertable } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import type {
  PostmortemCommentsTable,
  PostmortemContributorsTable,
  PostmortemFactorsTable,
  PostmortemRow,
  PostmortemSectionsTable,
  PostmortemsTable,
  PostmortemTimelineTable,
  PostmortemWhyChainsTable,
  SectionRow,
} from './postmortems.model.js';

// Queries of the postmortem tables. Only this domain's commands write them.

export const getPostmortemRow = (ex: Executor, id: string): Promise<PostmortemRow | undefined> =>
  ex.selectFrom('postmortems').selectAll().where('id', '=', id).executeTakeFirst();

export const getPostmortemOfIncident = (ex: Executor, incidentId: string): Promise<PostmortemRow | undefined> =>
  ex.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

/** Locks the row on PostgreSQL so changes to one postmortem take turns (SQLite has one writer). */
export function lockPostmortemRow(ex: Executor, id: string, postgres: boolean) {
  let q = ex.selectFrom('postmortems').selectAll().where('id', '=', id);
  if (postgres) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const insertPostmortemRow = (ex: Executor, row: PostmortemsTable) =>
  ex
    .insertInto('postmortems')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .execute();

export const updatePostmortemRow = (ex: Executor, id: string, changes: Partial<Omit<PostmortemsTable, 'id'>>) =>
  ex.updateTable('postmortems').set(changes).where('id', '=', id).execute();

export const listSectionRows = (ex: Executor, postmortemId: string): Promise<SectionRow[]> =>
  ex
    .selectFrom('postmortem_sections')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .orderBy('position')
    .execute();

export const getSectionRow = (ex: Executor, postmortemId: string, key: string) =>
  ex
    .selectFrom('postmortem_sections')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .where('key', '=', key)
    .executeTakeFirst();

export const insertSectionRows = (ex: Executor, rows: PostmortemSectionsTable[]) =>
  ex.insertInto('postmortem_sections').values(rows).execute();

/**
 * Saves a section only if nobody saved it since `expectedVersion` was read: the compare and the
 * write are one statement, so two concurrent saves cannot both win. False when it was stale.
 */
export async function saveSectionIfCurrent(
  ex: Executor,
  s: { postmortemId: string; key: string; expectedVersion: number; body: string; by: string | null; now: number },
): Promise<boolean> {
  const result = await ex
    .updateTable('postmortem_sections')
    .set({ body: s.body, version: s.expectedVersion + 1, updated_by: s.by, updated_at: s.now })
    .where('postmortem_id', '=', s.postmortemId)
    .where('key', '=', s.key)
    .where('version', '=', s.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function tagsOf(ex: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await ex
    .selectFrom('postmortem_tags')
    .selectAll()
    .where('postmortem_id', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const r of rows) map.set(r.postmortem_id, [...(map.get(r.postmortem_id) ?? []), r.tag]);
  return map;
}

export async function replaceTags(ex: Executor, postmortemId: string, tags: string[]): Promise<void> {
  await ex.deleteFrom('postmortem_tags').where('postmortem_id', '=', postmortemId).execute();
  const unique = [...new Set(tags)];
  if (unique.length)
    await ex
      .insertInto('postmortem_tags')
      .values(unique.map((tag) => ({ postmortem_id: postmortemId, tag })))
      .execute();
}

export const listTimelineRows = (ex: Executor, postmortemId: string) =>
  ex
    .selectFrom('postmortem_timeline')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .orderBy('happened_at')
    .orderBy('id')
    .execute();

export const getTimelineRow = (ex: Executor, postmortemId: string, id: string) =>
  ex
    .selectFrom('postmortem_timeline')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function insertTimelineRows(ex: Executor, rows: PostmortemTimelineTable[]): Promise<void> {
  // Chunked: PostgreSQL and SQLite cap the number of bound parameters of one statement.
  for (let i = 0; i < rows.length; i += 200) {
    await ex
      .insertInto('postmortem_timeline')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export const updateTimelineRow = (
  ex: Executor,
  id: string,
  changes: Partial<Pick<PostmortemTimelineTable, 'text' | 'happened_at' | 'edited' | 'updated_at'>>,
) => ex.updateTable('postmortem_timeline').set(changes).where('id', '=', id).execute();

export const deleteTimelineRow = (ex: Executor, id: string) =>
  ex.deleteFrom('postmortem_timeline').where('id', '=', id).execute();

export const listWhyChainRows = (ex: Executor, postmortemId: string) =>
  ex
    .selectFrom('postmortem_why_chains')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const getWhyChainRow = (ex: Executor, postmortemId: string, id: string) =>
  ex
    .selectFrom('postmortem_why_chains')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertWhyChainRow = (ex: Executor, row: PostmortemWhyChainsTable) =>
  ex.insertInto('postmortem_why_chains').values(row).execute();

export async function updateWhyChainIfCurrent(
  ex: Executor,
  id: string,
  expectedVersion: number,
  changes: Pick<PostmortemWhyChainsTable, 'problem' | 'steps' | 'updated_by' | 'updated_at'>,
): Promise<boolean> {
  const result = await ex
    .updateTable('postmortem_why_chains')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const deleteWhyChainRow = (ex: Executor, id: string) =>
  ex.deleteFrom('postmortem_why_chains').where('id', '=', id).execute();

export async function factorsOf(ex: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return ex
    .selectFrom('postmortem_factors')
    .selectAll()
    .where('postmortem_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export const insertFactorRow = (ex: Executor, row: PostmortemFactorsTable) =>
  ex.insertInto('postmortem_factors').values(row).execute();

export const deleteFactorRow = (ex: Executor, postmortemId: string, id: string) =>
  ex.deleteFrom('postmortem_factors').where('postmortem_id', '=', postmortemId).where('id', '=', id).executeTakeFirst();

export const listContributorRows = (ex: Executor, postmortemId: string) =>
  ex
    .selectFrom('postmortem_contributors')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .orderBy('invited_at')
    .orderBy('user_id')
    .execute();

/** Adds contributors not yet recorded; returns the user ids that were new. */
export async function addContributorRows(ex: Executor, rows: PostmortemContributorsTable[]): Promise<string[]> {
  const added: string[] = [];
  for (const row of rows) {
    const inserted = await ex
      .insertInto('postmortem_contributors')
      .values(row)
      .onConflict((oc) => oc.columns(['postmortem_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (inserted) added.push(row.user_id);
  }
  return added;
}

/** Records that someone wrote something; people who were not invited become contributors by writing. */
export async function noteContribution(ex: Executor, postmortemId: string, userId: string, now: number) {
  await ex
    .insertInto('postmortem_contributors')
    .values({
      postmortem_id: postmortemId,
      user_id: userId,
      reason: 'wrote',
      invited_by: null,
      invited_at: now,
      last_contributed_at: now,
    })
    .onConflict((oc) => oc.columns(['postmortem_id', 'user_id']).doUpdateSet({ last_contributed_at: now }))
    .execute();
}

export const listCommentRows = (ex: Executor, postmortemId: string) =>
  ex
    .selectFrom('postmortem_comments')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const getCommentRow = (ex: Executor, postmortemId: string, id: string) =>
  ex
    .selectFrom('postmortem_comments')
    .selectAll()
    .where('postmortem_id', '=', postmortemId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertCommentRow = (ex: Executor, row: Insertable<PostmortemCommentsTable>) =>
  ex.insertInto('postmortem_comments').values(row).execute();

export const resolveCommentRow = (ex: Executor, id: string, by: string, now: number) =>
  ex.updateTable('postmortem_comments').set({ resolved_at: now, resolved_by: by }).where('id', '=', id).execute();

/** Records that a reminder was given; false when it already was (a repeated job run). */
export async function claimNotice(ex: Executor, subjectId: string, kind: string, dueAt: number, now: number) {
  const inserted = await ex
    .insertInto('postmortem_notices')
    .values({ subject_id: subjectId, kind, due_at: dueAt, created_at: now })
    .onConflict((oc) => oc.columns(['subject_id', 'kind', 'due_at']).doNothing())
    .returning('subject_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
