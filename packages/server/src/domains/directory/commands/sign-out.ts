import type { AppContext } from '../../../core/context.js';
import { hashSecret } from '../../../core/ids.js';
import { deleteSession } from '../sessions.repo.js';

/** Ends the session behind a cookie value; unknown or already-ended sessions are fine. */
export async function signOut(ctx: AppContext, cookieValue: string): Promise<void> {
  await deleteSession(ctx.db, hashSecret(cookieValue));
}
