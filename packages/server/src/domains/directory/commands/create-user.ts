import { CreateUserInput, type User } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { userViews } from '../directory.service.js';
import { hashPassword } from '../password.js';
import { getUserByEmail, insertContactMethod, insertUser, type UserRow } from '../users.repo.js';
import { parseInput } from '../validate.js';

const emailTaken = (email: string) => conflict('email_taken', `Someone already signs in as ${email}.`);

/**
 * Adds a person. Their sign-in email also becomes their first contact method, so they can be paged at once.
 *
 * @example
 * const user = await createUser(ctx, { name: 'Ada', email: 'ada@example.com', role: 'responder' }, SYSTEM);
 */
export async function createUser(ctx: AppContext, input: CreateUserInput, by: By): Promise<User> {
  const data = parseInput(CreateUserInput, input);
  requireRole(by, 'admin', 'add people');
  const now = ctx.clock.now();
  const row: UserRow = {
    id: newId(),
    name: data.name,
    email: data.email,
    role: data.role,
    time_zone: data.timeZone,
    password_hash: data.password ? await hashPassword(data.password) : null,
    created_at: now,
    updated_at: now,
    deactivated_at: null,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await getUserByEmail(trx, data.email)) throw emailTaken(data.email);
      await insertUser(trx, row);
      await insertContactMethod(trx, {
        id: newId(),
        user_id: row.id,
        kind: 'email',
        label: 'Sign-in email',
        address: data.email,
        verified_at: null,
        created_at: now,
      });
    });
  } catch (err) {
    throw isUniqueViolation(err) ? emailTaken(data.email) : err;
  }
  ctx.events.emit('user.created', { userId: row.id });
  const [user] = await userViews(ctx.db, [row]);
  return user!;
}
