import {
  BUILT_IN_TEMPLATE_ID,
  DEFAULT_DRAFT_DUE_WORKING_DAYS,
  DEFAULT_TEMPLATE_SECTIONS,
  type PostmortemDueRule,
  type PostmortemTemplate,
  type PostmortemTemplateSection,
} from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { Executor } from '../../core/db/database.js';
import { invalidField } from '../../core/errors.js';
import type { SeverityRow } from '../incidents/incidents.model.js';
import { listSeverityRows } from '../incidents/severities.repo.js';
import type { TemplateRow } from './postmortems.model.js';
import {
  getDefaultTemplateRow,
  getDueRuleRow,
  getTemplateRow,
  listDueRuleRows,
  listTemplateRows,
} from './templates.repo.js';

// Templates and due-date rules as the rest of the domain uses them.

export function presentTemplate(row: TemplateRow): PostmortemTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sections: JSON.parse(row.sections) as PostmortemTemplateSection[],
    isDefault: row.is_default === 1,
    builtIn: false,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export const builtInTemplate = (isDefault: boolean): PostmortemTemplate => ({
  id: BUILT_IN_TEMPLATE_ID,
  name: 'Standard postmortem',
  description:
    'Introduction, impact, timeline, five whys, contributing factors, what went well and badly, how the incident process worked, action items.',
  sections: DEFAULT_TEMPLATE_SECTIONS,
  isDefault,
  builtIn: true,
  createdAt: null,
  updatedAt: null,
});

export async function listTemplates(ex: Executor): Promise<PostmortemTemplate[]> {
  const rows = await listTemplateRows(ex);
  return [builtInTemplate(!rows.some((r) => r.is_default === 1)), ...rows.map(presentTemplate)];
}

/** The template asked for, else the one marked default, else the built-in one. */
export async function resolveTemplate(ex: Executor, id: string | undefined): Promise<PostmortemTemplate> {
  if (id === BUILT_IN_TEMPLATE_ID) return builtInTemplate(false);
  if (id) {
    const row = await getTemplateRow(ex, id);
    if (!row) throw invalidField('templateId', `no template with id "${id}"`);
    return presentTemplate(row);
  }
  const preferred = await getDefaultTemplateRow(ex);
  return preferred ? presentTemplate(preferred) : builtInTemplate(true);
}

/** The configured rule, else the default: a draft within 2 working days when the severity requires one. */
export function dueRuleOf(
  severity: SeverityRow,
  row: { draft_due_working_days: number | null; publish_due_working_days: number | null } | undefined,
): PostmortemDueRule {
  const required = severity.postmortem_required === 1;
  return {
    severity: severity.key,
    postmortemRequired: required,
    draftDueWorkingDays: row ? row.draft_due_working_days : required ? DEFAULT_DRAFT_DUE_WORKING_DAYS : null,
    publishDueWorkingDays: row ? row.publish_due_working_days : null,
    isDefault: !row,
  };
}

export async function dueRuleFor(ex: Executor, severity: SeverityRow): Promise<PostmortemDueRule> {
  return dueRuleOf(severity, await getDueRuleRow(ex, severity.id));
}

export async function listDueRules(ex: Executor): Promise<PostmortemDueRule[]> {
  const [severities, rows] = await Promise.all([listSeverityRows(ex), listDueRuleRows(ex)]);
  return severities.map((s) =>
    dueRuleOf(
      s,
      rows.find((r) => r.severity_id === s.id),
    ),
  );
}
