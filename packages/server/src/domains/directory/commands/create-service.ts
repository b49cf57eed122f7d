import { CreateServiceInput, type Service } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, invalidField } from '../../../core/errors.js';
import { newId, slugify } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { presentService } from '../directory.presenter.js';
import { findServiceClash, insertService, type ServiceRow } from '../services.repo.js';
import { getTeam } from '../teams.repo.js';
import { parseInput } from '../validate.js';

export const serviceNameTaken = (name: string) =>
  conflict('service_name_taken', `A service named "${name}" (or with the same URL name) already exists.`);

export async function assertTeamExists(ex: Executor, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await getTeam(ex, teamId))) throw invalidField('teamId', `no team with id "${teamId}"`);
}

export async function createService(ctx: AppContext, input: CreateServiceInput, by: By): Promise<Service> {
  const data = parseInput(CreateServiceInput, input);
  requireRole(by, 'responder', 'add services');
  const now = ctx.clock.now();
  const row: ServiceRow = {
    id: newId(),
    name: data.name,
    slug: slugify(data.name),
    description: data.description,
    team_id: data.teamId,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await assertTeamExists(trx, row.team_id);
      if (await findServiceClash(trx, row.name, row.slug)) throw serviceNameTaken(row.name);
      await insertService(trx, row);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? serviceNameTaken(row.name) : err;
  }
  ctx.events.emit('service.created', { serviceId: row.id });
  return presentService(row);
}
