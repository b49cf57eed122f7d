import type { AppContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { getUserByEmail } from '../domains/directory/users.repo.js';

/** The person who signs in as `email`, for offline commands that name people by email. */
export async function personByEmail(ctx: AppContext, email: string) {
  const row = await getUserByEmail(ctx.db, email.trim());
  if (!row) throw new AppError(404, 'person_not_found', `No one signs in as ${email}.`);
  return row;
}
