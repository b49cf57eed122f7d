import { randomBytes } from 'node:crypto';
import { AddSubscriberByAdminInput, type StatusSubscriber, SubscribeInput, SubscriberEmail } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { AppError, invalidField, notFound, unavailable } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { requireOutboundUrl } from '../../../core/outbound/request.js';
import { signingKeysOf } from '../../../core/outbound/signing-keys.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import { confirmToken, subscriberSigningOwner, tokenMatches, unsubscribeToken } from '../delivery/tokens.js';
import { JOB_DELIVER, MAX_DELIVERY_ATTEMPTS, type SubscriberRow } from '../statuspage.model.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { presentSubscriber } from '../statuspage.presenter.js';
import {
  deleteSubscriberRow,
  findSubscriber,
  getSubscriberRow,
  insertNotification,
  insertSubscriber,
  updateSubscriberRow,
} from '../subscribers.repo.js';
import { parse, requireComponents } from './inputs.js';

// Subscribers: email with double opt-in (nothing is sent but the confirmation request until the
// link is used, and the link works once), and webhooks added by admins. Sign-ups answer the same
// whatever the address's state, so the form does not reveal who is subscribed.

/** A confirmation email is sent again for the same address at most this often. */
export const CONFIRMATION_RESEND_MS = 10 * 60_000;

export type DeliverPayload = { notificationId: string };

/** A public sign-up; answers nothing that depends on whether the address was known. */
export async function subscribe(ctx: AppContext, input: SubscribeInput): Promise<void> {
  if (!ctx.config.smtpUrl) throw unavailable('Email subscriptions are not available on this status page.');
  const data = parse(SubscribeInput, input);
  const address = data.email.trim().toLowerCase();
  await ctx.db.transaction().execute(async (trx) => {
    await requireComponents(trx, data.componentIds, 'componentIds');
    const now = ctx.clock.now();
    const existing = await findSubscriber(trx, 'email', address);
    if (existing?.confirmed_at && !existing.unsubscribed_at) return;
    if (
      existing?.confirm_sent_at &&
      now - existing.confirm_sent_at < CONFIRMATION_RESEND_MS &&
      !existing.unsubscribed_at
    ) {
      return;
    }
    const nonce = randomBytes(16).toString('base64url');
    const fields = {
      component_ids: JSON.stringify([...new Set(data.componentIds)]),
      confirm_nonce: nonce,
      confirm_sent_at: now,
      confirmed_at: null,
      unsubscribed_at: null,
      updated_at: now,
    };
    const id = existing?.id ?? newId();
    if (existing) await updateSubscriberRow(trx, id, fields);
    else await insertSubscriber(trx, { id, kind: 'email', address, created_at: now, ...fields });
    await queueNotification(trx, ctx, id, `confirm:${nonce}`);
  });
}

/** Confirms an email subscription; the link works once (confirming clears its nonce). */
export async function confirmSubscription(
  ctx: AppContext,
  id: string,
  token: string | undefined,
): Promise<SubscriberRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getSubscriberRow(trx, id);
    const valid = row?.confirm_nonce && tokenMatches(token, confirmToken(ctx.secretKey, row.id, row.confirm_nonce));
    if (!row || !valid) {
      throw new AppError(410, 'confirmation_link_invalid', 'This confirmation link is invalid or was already used.');
    }
    const now = ctx.clock.now();
    await updateSubscriberRow(trx, id, {
      confirm_nonce: null,
      confirmed_at: now,
      unsubscribed_at: null,
      updated_at: now,
    });
    return { ...row, confirm_nonce: null, confirmed_at: now };
  });
}

/** Unsubscribes with the link from any message; doing it twice is harmless. */
export async function unsubscribe(ctx: AppContext, id: string, token: string | undefined): Promise<void> {
  const row = await getSubscriberRow(ctx.db, id);
  if (!row || !tokenMatches(token, unsubscribeToken(ctx.secretKey, row.id))) {
    throw new AppError(410, 'unsubscribe_link_invalid', 'This unsubscribe link is invalid.');
  }
  if (row.unsubscribed_at) return;
  const now = ctx.clock.now();
  await updateSubscriberRow(ctx.db, id, { unsubscribed_at: now, confirm_nonce: null, updated_at: now });
}

/** Admins add webhooks (active at once) and emails (which still confirm by link). */
export async function addSubscriberByAdmin(
  ctx: AppContext,
  by: Editor,
  input: AddSubscriberByAdminInput,
): Promise<StatusSubscriber> {
  requireMay(by, 'configure', 'manage status page subscribers');
  const data = parse(AddSubscriberByAdminInput, input);
  if (data.kind === 'email') {
    if (!SubscriberEmail.safeParse(data.address).success) throw invalidField('address', 'must be an email address');
    await subscribe(ctx, { email: data.address, componentIds: data.componentIds });
    const row = await findSubscriber(ctx.db, 'email', data.address.toLowerCase());
    return presentSubscriber(row!, undefined);
  }
  if (!URL.canParse(data.address) || !/^https?:$/.test(new URL(data.address).protocol)) {
    throw invalidField('address', 'must be an http(s) URL');
  }
  await requireOutboundUrl(ctx.config.outbound, 'address', data.address);
  return ctx.db.transaction().execute(async (trx) => {
    await requireComponents(trx, data.componentIds, 'componentIds');
    const now = ctx.clock.now();
    const existing = await findSubscriber(trx, 'webhook', data.address);
    const fields = {
      component_ids: JSON.stringify([...new Set(data.componentIds)]),
      confirm_nonce: null,
      confirm_sent_at: null,
      confirmed_at: existing?.confirmed_at ?? now,
      unsubscribed_at: null,
      updated_at: now,
    };
    const id = existing?.id ?? newId();
    if (existing) await updateSubscriberRow(trx, id, fields);
    else await insertSubscriber(trx, { id, kind: 'webhook', address: data.address, created_at: now, ...fields });
    return {
      ...presentSubscriber((await getSubscriberRow(trx, id))!, undefined),
      signingSecret: (await signingKeysOf(trx, ctx.secretKey, subscriberSigningOwner(ctx.secretKey, id), now)).secret,
    };
  });
}

export async function removeSubscriber(ctx: AppContext, by: Editor, id: string): Promise<void> {
  requireMay(by, 'configure', 'manage status page subscribers');
  const result = await deleteSubscriberRow(ctx.db, id);
  if (result.numDeletedRows === 0n) throw notFound('subscriber', id);
}

/** Puts one message in the outbox with its delivery job, in the caller's transaction; no-op if already there. */
export async function queueNotification(ex: Executor, ctx: AppContext, subscriberId: string, subject: string) {
  const notificationId = newId();
  const added = await insertNotification(ex, {
    id: notificationId,
    subscriber_id: subscriberId,
    subject,
    status: 'pending',
    attempts: 0,
    last_error: null,
    created_at: ctx.clock.now(),
    sent_at: null,
  });
  if (!added) return;
  const payload: DeliverPayload = { notificationId };
  await enqueueJob(ex, ctx.clock, {
    kind: JOB_DELIVER,
    payload,
    dedupeKey: `${JOB_DELIVER}:${notificationId}`,
    maxAttempts: MAX_DELIVERY_ATTEMPTS,
  });
}
