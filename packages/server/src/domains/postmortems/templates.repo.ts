import type { Executor } from '../../core/db/database.js';
import type { PostmortemDueRulesTable, PostmortemTemplatesTable, TemplateRow } from './postmortems.model.js';

export const listTemplateRows = (ex: Executor): Promise<TemplateRow[]> =>
  ex.selectFrom('postmortem_templates').selectAll().orderBy('name').orderBy('id').execute();

export const getTemplateRow = (ex: Executor, id: string) =>
  ex.selectFrom('postmortem_templates').selectAll().where('id', '=', id).executeTakeFirst();

export const getDefaultTemplateRow = (ex: Executor) =>
  ex.selectFrom('postmortem_templates').selectAll().where('is_default', '=', 1).executeTakeFirst();

export const insertTemplateRow = (ex: Executor, row: PostmortemTemplatesTable) =>
  ex.insertInto('postmortem_templates').values(row).execute();

export const updateTemplateRow = (ex: Executor, id: string, changes: Partial<Omit<PostmortemTemplatesTable, 'id'>>) =>
  ex.updateTable('postmortem_templates').set(changes).where('id', '=', id).execute();

export const clearDefaultTemplate = (ex: Executor) =>
  ex.updateTable('postmortem_templates').set({ is_default: 0 }).where('is_default', '=', 1).execute();

export const deleteTemplateRow = (ex: Executor, id: string) =>
  ex.deleteFrom('postmortem_templates').where('id', '=', id).execute();

export const listDueRuleRows = (ex: Executor) => ex.selectFrom('postmortem_due_rules').selectAll().execute();

export const getDueRuleRow = (ex: Executor, severityId: string) =>
  ex.selectFrom('postmortem_due_rules').selectAll().where('severity_id', '=', severityId).executeTakeFirst();

export const upsertDueRuleRow = (ex: Executor, row: PostmortemDueRulesTable) =>
  ex
    .insertInto('postmortem_due_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('severity_id').doUpdateSet({
        draft_due_working_days: row.draft_due_working_days,
        publish_due_working_days: row.publish_due_working_days,
        updated_at: row.updated_at,
      }),
    )
    .execute();
