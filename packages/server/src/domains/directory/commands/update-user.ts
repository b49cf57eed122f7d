import { UpdateUserInput, type User } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, forbidden, notFound } from '../../../core/errors.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, hasRole, requireSelfOrAdmin } from '../directory.policy.js';
import { userViews } from '../directory.service.js';
import { deleteSessionsOfUser } from '../sessions.repo.js';
import {
  countActiveAdmins,
  getUser,
  getUserByEmail,
  type UserRow,
  updateUser as updateUserRow,
} from '../users.repo.js';
import { parseInput } from '../validate.js';

const ADMIN_ONLY = ['email', 'role', 'deactivated'] as const;

/**
 * Changes a person. Anyone may change their own name and time zone; only admins change
 * email, role and activation. The last active admin can be neither demoted nor deactivated.
 */
export async function updateUser(ctx: AppContext, id: string, input: UpdateUserInput, by: By): Promise<User> {
  const data = parseInput(UpdateUserInput, input);
  requireSelfOrAdmin(by, id, "change a person's profile");
  const adminField = ADMIN_ONLY.find((f) => data[f] !== undefined);
  if (adminField && !hasRole(by, 'admin')) throw forbidden(`Only admins may change ${adminField}.`);
  const now = ctx.clock.now();
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const user = await getUser(trx, id);
      if (!user) throw notFound('user', id);
      const changes: Partial<UserRow> = { updated_at: now };
      if (data.name !== undefined) changes.name = data.name;
      if (data.timeZone !== undefined) changes.time_zone = data.timeZone;
      if (data.role !== undefined) changes.role = data.role;
      if (data.email !== undefined && data.email !== user.email) {
        if (await getUserByEmail(trx, data.email))
          throw conflict('email_taken', `Someone already signs in as ${data.email}.`);
        changes.email = data.email;
      }
      if (data.deactivated !== undefined)
        changes.deactivated_at = data.deactivated ? (user.deactivated_at ?? now) : null;
      const losesAdmin =
        user.role === 'admin' &&
        user.deactivated_at == null &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.deactivated_at != null);
      if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
        throw conflict('last_admin', 'This is the last active admin; make someone else an admin first.');
      }
      await updateUserRow(trx, id, changes);
      // A deactivated person is signed out at once, not when their session happens to expire.
      if (changes.deactivated_at != null && user.deactivated_at == null) await deleteSessionsOfUser(trx, id);
      return { ...user, ...changes };
    });
    const [user] = await userViews(ctx.db, [row]);
    return user!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('email_taken', `Someone already signs in as ${data.email}.`);
    throw err;
  }
}
