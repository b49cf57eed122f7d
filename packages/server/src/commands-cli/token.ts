import type { CreatedToken, TokenScope } from '@firebreak/shared';
import type { AppContext } from '../core/context.js';
import { conflict } from '../core/errors.js';
import { createApiToken, ensureFirstAdmin, SYSTEM } from '../domains/directory/index.js';
import { withLocalContext } from './local-context.js';
import { personByEmail } from './person.js';
import { configFrom } from './run.js';

export type LocalTokenInput = { name: string; scope: TokenScope; expiresInDays?: number; userEmail?: string };

/**
 * `firebreak token create` without a server URL: writes the token straight into the local
 * database, for the given person or the first admin. Used to bootstrap the CLI and automation.
 */
export async function createLocalToken(input: LocalTokenInput): Promise<CreatedToken> {
  return withLocalContext(configFrom(), async (ctx) => {
    const userId = await tokenOwner(ctx, input.userEmail);
    const { token, secret } = await createApiToken(
      ctx,
      { userId, name: input.name, scope: input.scope, expiresInDays: input.expiresInDays },
      SYSTEM,
    );
    return { ...token, secret };
  });
}

async function tokenOwner(ctx: AppContext, email: string | undefined): Promise<string> {
  if (email) {
    return (await personByEmail(ctx, email)).id;
  }
  // On a fresh install the token is the first thing made: create the admin it will act for.
  const first = await ensureFirstAdmin(ctx);
  if (first.created) {
    process.stderr.write(`Created the first admin, ${first.email}; sign in once with: ${first.signInUrl}\n`);
  }
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!admin) throw conflict('no_active_admin', 'No active admin to own the token: pass --user <email>.');
  return admin.id;
}
