import { CreateSeverityInput, type Severity, UpdateSeverityInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { SeveritiesTable } from '../incidents.model.js';
import { requireRole, type Viewer } from '../incidents.policy.js';
import { presentSeverity } from '../incidents.presenter.js';
import {
  countIncidentsWithSeverity,
  deleteSeverityRow,
  getSeverityByKey,
  insertSeverity,
  updateSeverityRow,
} from '../severities.repo.js';
import { parse } from './inputs.js';

// Admins shape the severity scale. Keys never change (incidents, alerts and the CLI use them);
// everything else may. A severity in use by any incident cannot be deleted.

export async function createSeverity(ctx: AppContext, by: Viewer, input: CreateSeverityInput): Promise<Severity> {
  const data = parse(CreateSeverityInput, input);
  requireRole(by, 'admin', 'define severities');
  const now = ctx.clock.now();
  const row: SeveritiesTable = {
    id: newId(),
    key: data.key,
    name: data.name,
    rank: data.rank,
    description: data.description,
    examples: JSON.stringify(data.examples),
    update_cadence_minutes: data.updateCadenceMinutes,
    urgency: data.urgency,
    upgrade_after_minutes: data.upgradeAfterMinutes,
    postmortem_required: data.postmortemRequired ? 1 : 0,
    public_update_expected: data.publicUpdateExpected ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await getSeverityByKey(trx, data.key))
      throw conflict('severity_key_taken', `A severity with key "${data.key}" already exists.`);
    await insertSeverity(trx, row);
  });
  return presentSeverity(row);
}

export async function updateSeverity(
  ctx: AppContext,
  by: Viewer,
  key: string,
  input: UpdateSeverityInput,
): Promise<Severity> {
  const data = parse(UpdateSeverityInput, input);
  requireRole(by, 'admin', 'edit severities');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getSeverityByKey(trx, key);
    if (!row) throw notFound('severity', key);
    const changes: Partial<SeveritiesTable> = { updated_at: ctx.clock.now() };
    if (data.name !== undefined) changes.name = data.name;
    if (data.rank !== undefined) changes.rank = data.rank;
    if (data.description !== undefined) changes.description = data.description;
    if (data.examples !== undefined) changes.examples = JSON.stringify(data.examples);
    if (data.updateCadenceMinutes !== undefined) changes.update_cadence_minutes = data.updateCadenceMinutes;
    if (data.urgency !== undefined) changes.urgency = data.urgency;
    if (data.upgradeAfterMinutes !== undefined) changes.upgrade_after_minutes = data.upgradeAfterMinutes;
    if (data.postmortemRequired !== undefined) changes.postmortem_required = data.postmortemRequired ? 1 : 0;
    if (data.publicUpdateExpected !== undefined) changes.public_update_expected = data.publicUpdateExpected ? 1 : 0;
    await updateSeverityRow(trx, row.id, changes);
    return presentSeverity({ ...row, ...changes });
  });
}

export async function deleteSeverity(ctx: AppContext, by: Viewer, key: string): Promise<void> {
  requireRole(by, 'admin', 'delete severities');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getSeverityByKey(trx, key);
    if (!row) throw notFound('severity', key);
    const used = await countIncidentsWithSeverity(trx, row.id);
    if (used > 0) {
      throw conflict(
        'severity_in_use',
        `${row.name} is the severity of ${used} incident${used > 1 ? 's' : ''}; it cannot be deleted (rename it instead).`,
      );
    }
    await deleteSeverityRow(trx, row.id);
  });
}
