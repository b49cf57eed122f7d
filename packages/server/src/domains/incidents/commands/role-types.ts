import { CreateIncidentRoleTypeInput, type IncidentRoleType, isBuiltInRole } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { requireRole, type Viewer } from '../incidents.policy.js';
import { deleteRoleType, getRoleTypeRow, insertRoleType, isRoleHeldAnywhere } from '../roles.repo.js';
import { parse } from './inputs.js';

/** Admins add roles beyond the built-in ones (e.g. "customer liaison"). */
export async function createRoleType(
  ctx: AppContext,
  by: Viewer,
  input: CreateIncidentRoleTypeInput,
): Promise<IncidentRoleType> {
  const data = parse(CreateIncidentRoleTypeInput, input);
  requireRole(by, 'admin', 'define incident roles');
  await ctx.db.transaction().execute(async (trx) => {
    if (isBuiltInRole(data.key) || (await getRoleTypeRow(trx, data.key))) {
      throw conflict('role_key_taken', `An incident role with key "${data.key}" already exists.`);
    }
    await insertRoleType(trx, {
      key: data.key,
      name: data.name,
      description: data.description,
      multiple: data.multiple ? 1 : 0,
      created_at: ctx.clock.now(),
    });
  });
  return { key: data.key, name: data.name, description: data.description, multiple: data.multiple, builtIn: false };
}

/** Deletes a custom role nobody currently holds; built-in roles stay. */
export async function deleteRoleTypeByKey(ctx: AppContext, by: Viewer, key: string): Promise<void> {
  requireRole(by, 'admin', 'delete incident roles');
  if (isBuiltInRole(key)) throw conflict('role_built_in', `"${key}" is a built-in role and cannot be deleted.`);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await getRoleTypeRow(trx, key))) throw notFound('incident role', key);
    if (await isRoleHeldAnywhere(trx, key))
      throw conflict('role_in_use', `Someone holds the role "${key}" on an incident; relieve them first.`);
    await deleteRoleType(trx, key);
  });
}
