import {
  BUILT_IN_TEMPLATE_ID,
  CreatePostmortemTemplateInput,
  SetPostmortemDueRuleInput,
  UpdatePostmortemTemplateInput,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { badRequest, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse, requireSeverity } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import { requireAdmin } from '../postmortems.policy.js';
import {
  clearDefaultTemplate,
  deleteTemplateRow,
  getDueRuleRow,
  getTemplateRow,
  insertTemplateRow,
  updateTemplateRow,
  upsertDueRuleRow,
} from '../templates.repo.js';
import { dueRuleOf, presentTemplate } from '../templates.service.js';

// Admins shape postmortems: custom templates (one may be the default) and due dates per severity.
// Existing postmortems keep the sections and due dates they were created with.

const builtInIsReadOnly = () =>
  badRequest('built_in_template', 'The built-in template cannot be changed; create a template of your own instead.');

export async function createTemplate(ctx: AppContext, by: Viewer, input: CreatePostmortemTemplateInput) {
  requireAdmin(by, 'manage postmortem templates');
  const data = parse(CreatePostmortemTemplateInput, input);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (data.isDefault) await clearDefaultTemplate(trx);
    const row = {
      id: newId(),
      name: data.name,
      description: data.description,
      sections: JSON.stringify(data.sections),
      is_default: data.isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await insertTemplateRow(trx, row);
    return presentTemplate(row);
  });
}

export async function updateTemplate(ctx: AppContext, by: Viewer, id: string, input: UpdatePostmortemTemplateInput) {
  requireAdmin(by, 'manage postmortem templates');
  const data = parse(UpdatePostmortemTemplateInput, input);
  if (id === BUILT_IN_TEMPLATE_ID) throw builtInIsReadOnly();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await getTemplateRow(trx, id))) throw notFound('template', id);
    if (data.isDefault) await clearDefaultTemplate(trx);
    await updateTemplateRow(trx, id, {
      ...(data.name !== undefined && { name: data.name }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.sections !== undefined && { sections: JSON.stringify(data.sections) }),
      ...(data.isDefault !== undefined && { is_default: data.isDefault ? 1 : 0 }),
      updated_at: ctx.clock.now(),
    });
    return presentTemplate((await getTemplateRow(trx, id))!);
  });
}

/** Postmortems made from it keep their sections; the template id they name simply no longer resolves. */
export async function deleteTemplate(ctx: AppContext, by: Viewer, id: string) {
  requireAdmin(by, 'manage postmortem templates');
  if (id === BUILT_IN_TEMPLATE_ID) throw builtInIsReadOnly();
  const row = await getTemplateRow(ctx.db, id);
  if (!row) throw notFound('template', id);
  await deleteTemplateRow(ctx.db, id);
}

export async function setDueRule(ctx: AppContext, by: Viewer, severityKey: string, input: SetPostmortemDueRuleInput) {
  requireAdmin(by, 'change postmortem due dates');
  const data = parse(SetPostmortemDueRuleInput, input);
  const severity = await requireSeverity(ctx.db, severityKey, 'severity');
  await upsertDueRuleRow(ctx.db, {
    severity_id: severity.id,
    draft_due_working_days: data.draftDueWorkingDays,
    publish_due_working_days: data.publishDueWorkingDays,
    updated_at: ctx.clock.now(),
  });
  return dueRuleOf(severity, await getDueRuleRow(ctx.db, severity.id));
}
