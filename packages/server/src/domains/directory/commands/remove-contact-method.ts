import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { type By, requireSelfOrAdmin } from '../directory.policy.js';
import { deleteContactMethod, getContactMethod } from '../users.repo.js';

export async function removeContactMethod(ctx: AppContext, userId: string, methodId: string, by: By): Promise<void> {
  requireSelfOrAdmin(by, userId, "change a person's contact methods");
  if (!(await getContactMethod(ctx.db, userId, methodId))) throw notFound('contact method', methodId);
  await deleteContactMethod(ctx.db, userId, methodId);
}
