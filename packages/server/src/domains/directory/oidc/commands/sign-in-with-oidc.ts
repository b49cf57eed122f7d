import type { Role } from '@firebreak/shared';
import type { OidcConfig } from '../../../../core/config.js';
import type { AppContext } from '../../../../core/context.js';
import { AppError } from '../../../../core/errors.js';
import { hashSecret } from '../../../../core/ids.js';
import { createUser } from '../../commands/create-user.js';
import type { SignedIn } from '../../commands/sign-in.js';
import { updateUser } from '../../commands/update-user.js';
import { SYSTEM } from '../../directory.policy.js';
import { newSession } from '../../session-lifetime.js';
import { deleteExpiredSessionsOfUser, deleteSession, insertSession } from '../../sessions.repo.js';
import { getUserByEmail, type UserRow } from '../../users.repo.js';
import { groupsFrom, roleForGroups } from '../group-roles.js';

const refused = (code: string, message: string) => new AppError(403, code, message);

/**
 * Signs in the person an identity provider vouched for. They are found by their verified email
 * (and created on first sign-in); their role follows their groups at every sign-in, so a change
 * at the IdP takes effect the next time they sign in. Like a password sign-in, the session id is
 * always fresh and the session the browser presented ends.
 */
export async function signInWithOidc(
  ctx: AppContext,
  config: OidcConfig,
  claims: Record<string, unknown>,
  previousCookie?: string,
): Promise<SignedIn> {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email) throw refused('oidc_no_email', 'The identity provider did not share your email address.');
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    // Trusting an unverified address would let anyone claim an existing person's account.
    throw refused('oidc_email_unverified', `The identity provider has not verified ${email}.`);
  }
  const groups = groupsFrom(claims[config.groupsClaim]);
  const role = roleForGroups(groups, config.groupRoles);
  if (!role) throw refused('oidc_no_role', 'None of your groups may use Firebreak; ask an admin to add you.');

  const user = await findOrCreate(ctx, email, displayName(claims, email), role);
  if (user.deactivated_at != null) throw refused('account_deactivated', 'Your Firebreak account is deactivated.');
  const current = await applyRole(ctx, user, role);

  const now = ctx.clock.now();
  const { cookieValue, row } = newSession(current.id, now, false);
  await ctx.db.transaction().execute(async (trx) => {
    if (previousCookie) await deleteSession(trx, hashSecret(previousCookie));
    await deleteExpiredSessionsOfUser(trx, current.id, now);
    await insertSession(trx, row);
  });
  return { cookieValue, session: row, user: current };
}

async function findOrCreate(ctx: AppContext, email: string, name: string, role: Role): Promise<UserRow> {
  const existing = await getUserByEmail(ctx.db, email);
  if (existing) return existing;
  try {
    await createUser(ctx, { name, email, role }, SYSTEM);
  } catch (err) {
    // Two first sign-ins at once: the other one created the person.
    if (!(err instanceof AppError && err.code === 'email_taken')) throw err;
  }
  return (await getUserByEmail(ctx.db, email))!;
}

async function applyRole(ctx: AppContext, user: UserRow, role: Role): Promise<UserRow> {
  if (user.role === role) return user;
  try {
    await updateUser(ctx, user.id, { role }, SYSTEM);
    return { ...user, role };
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'last_admin')) throw err;
    // Demoting the last admin would lock everyone out of settings: keep the role, say so.
    ctx.log.warn({ userId: user.id, role }, 'single sign-on kept the last active admin an admin');
    return user;
  }
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const name = [claims.name, claims.preferred_username].find((v) => typeof v === 'string' && v.trim());
  return (typeof name === 'string' ? name.trim() : email.split('@')[0]!).slice(0, 200);
}
