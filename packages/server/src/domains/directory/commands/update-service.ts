import { type Service, UpdateServiceInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { slugify } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { presentService } from '../directory.presenter.js';
import { findServiceClash, getService, type ServiceRow, updateService as updateServiceRow } from '../services.repo.js';
import { parseInput } from '../validate.js';
import { assertTeamExists, serviceNameTaken } from './create-service.js';

export async function updateService(ctx: AppContext, id: string, input: UpdateServiceInput, by: By): Promise<Service> {
  const data = parseInput(UpdateServiceInput, input);
  requireRole(by, 'responder', 'edit services');
  const service = await getService(ctx.db, id);
  if (!service) throw notFound('service', id);
  const changes: Partial<ServiceRow> = { updated_at: ctx.clock.now() };
  if (data.name !== undefined) Object.assign(changes, { name: data.name, slug: slugify(data.name) });
  if (data.description !== undefined) changes.description = data.description;
  if (data.teamId !== undefined) changes.team_id = data.teamId;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await assertTeamExists(trx, changes.team_id);
      if (changes.name && changes.slug && (await findServiceClash(trx, changes.name, changes.slug, id))) {
        throw serviceNameTaken(changes.name);
      }
      await updateServiceRow(trx, id, changes);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? serviceNameTaken(changes.name ?? service.name) : err;
  }
  return presentService({ ...service, ...changes });
}
