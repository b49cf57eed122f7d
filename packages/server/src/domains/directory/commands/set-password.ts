import { ChangePasswordInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { AppError, forbidden, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { hashPassword, verifyPassword } from '../password.js';
import { deleteSessionsOfUser, getSession, updateSession } from '../sessions.repo.js';
import { getUser, updateUser } from '../users.repo.js';
import { parseInput } from '../validate.js';

/**
 * Sets the actor's own password. The current password is required unless the actor signed in
 * through a one-time link (an invitation or a reset). Every other session of the person ends.
 */
export async function setPassword(ctx: AppContext, input: ChangePasswordInput, by: Actor): Promise<void> {
  const data = parseInput(ChangePasswordInput, input);
  const session = by.via === 'session' ? await getSession(ctx.db, by.credentialId) : undefined;
  const viaLink = session?.via_link === 1;
  const user = await getUser(ctx.db, by.userId);
  if (!user) throw notFound('user', by.userId);
  if (!viaLink) {
    if (!data.currentPassword) {
      throw new AppError(400, 'current_password_required', 'currentPassword: enter your current password.', {
        errors: [{ field: 'currentPassword', message: 'is required' }],
      });
    }
    const ok = user.password_hash != null && (await verifyPassword(data.currentPassword, user.password_hash));
    if (!ok) throw forbidden('The current password is not correct.');
  }
  const passwordHash = await hashPassword(data.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash, updated_at: now });
    await deleteSessionsOfUser(trx, user.id, session?.id_hash);
    // The link's privilege is spent once a password exists.
    if (session) await updateSession(trx, session.id_hash, { via_link: 0 });
  });
}
