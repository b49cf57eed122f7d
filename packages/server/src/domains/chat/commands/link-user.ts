import type { ChatUserLink } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { hashSecret, newSecret } from '../../../core/ids.js';
import { LINK_TOKEN_LIFETIME_MS, type WorkspaceRow } from '../chat.model.js';
import { presentLink } from '../chat.presenter.js';
import { deleteLinksOfUser, getLinkToken, insertLinkToken, spendLinkToken, upsertLink } from '../links.repo.js';
import { SLACK_PATHS } from '../slack-app.js';

// Linking a chat user to a Firebreak account: `/inc link` hands the chat user a one-time URL; the
// person opens it signed in to Firebreak and confirms. The token proves the chat identity, the
// session proves the Firebreak one; neither alone links anything.

export const linkUrl = (ctx: Pick<AppContext, 'config'>, token: string) =>
  `${ctx.config.publicUrl}${SLACK_PATHS.link}?token=${encodeURIComponent(token)}`;

/** Issues the one-time token of a link URL (stored hashed, valid 15 minutes). */
export async function startUserLink(
  ctx: AppContext,
  workspace: WorkspaceRow,
  chatUser: { id: string; name: string },
): Promise<{ url: string; expiresAt: number }> {
  const token = newSecret('fbl');
  const now = ctx.clock.now();
  const expiresAt = now + LINK_TOKEN_LIFETIME_MS;
  await insertLinkToken(ctx.db, {
    token_hash: hashSecret(token),
    workspace_id: workspace.id,
    chat_user_id: chatUser.id,
    chat_user_name: chatUser.name,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
  });
  return { url: linkUrl(ctx, token), expiresAt };
}

const invalidToken = () =>
  new AppError(
    403,
    'chat_link_invalid',
    'This link is unknown, used or expired. Run `/inc link` in chat for a new one.',
  );

/** What a link token would link, for the confirmation page; 403 when it cannot be used. */
export async function previewUserLink(ctx: AppContext, token: string) {
  const row = await getLinkToken(ctx.db, hashSecret(token));
  if (!row || row.used_at !== null || row.expires_at <= ctx.clock.now()) throw invalidToken();
  return { chatUserId: row.chat_user_id, chatUserName: row.chat_user_name, workspaceId: row.workspace_id };
}

/** Links the token's chat user to `userId` (the signed-in person) and spends the token. */
export async function confirmUserLink(ctx: AppContext, userId: string, token: string): Promise<ChatUserLink> {
  const hash = hashSecret(token);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getLinkToken(trx, hash);
    if (!row || row.expires_at <= now || !(await spendLinkToken(trx, hash, now))) throw invalidToken();
    const link = {
      workspace_id: row.workspace_id,
      chat_user_id: row.chat_user_id,
      chat_user_name: row.chat_user_name,
      user_id: userId,
      created_at: now,
    };
    await upsertLink(trx, link);
    return presentLink(link);
  });
}

/** Removes every chat link of a person (they can link again with `/inc link`). */
export async function unlinkUser(ctx: AppContext, userId: string): Promise<void> {
  await deleteLinksOfUser(ctx.db, userId);
}
