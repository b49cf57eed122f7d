import {
  ContactMethodCheck,
  Id,
  InboxItem,
  NotificationRules,
  NotificationRulesInput,
  pageOf,
  SigningSecret,
  TestNotification,
  WorkingHours,
} from '@firebreak/shared';
import { z } from 'zod';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { presentSigningKeys } from '../../core/outbound/signing-keys.js';
import type { App } from '../../http/app.js';
import { NoContent } from '../../http/route-helpers.js';
import { actorOf } from '../directory/route-helpers.js';
import { finishSigningSecretRotation } from './commands/finish-signing-secret-rotation.js';
import { markInboxRead } from './commands/mark-inbox-read.js';
import { rotateSigningSecret } from './commands/rotate-signing-secret.js';
import { sendTestNotification } from './commands/send-test-notification.js';
import { setNotificationRules } from './commands/set-notification-rules.js';
import { setWorkingHours } from './commands/set-working-hours.js';
import { listInbox } from './notifications.repo.js';
import { getWorkingHours, listMethodChecks, listRules } from './people.repo.js';
import { ownContactMethod, webhookSigningKeys } from './webhook-signing.js';

const tags = ['paging'];
const MethodParams = z.object({ id: Id });

/** The signed-in person's own paging settings. */
export function meRoutes(app: App, ctx: AppContext): void {
  async function rulesOf(userId: string): Promise<NotificationRules> {
    const rows = await listRules(ctx.db, [userId]);
    const list = (urgency: 'high' | 'low') =>
      rows
        .filter((r) => r.urgency === urgency)
        .map((r) => ({ contactMethodId: r.contact_method_id, delayMinutes: r.delay_minutes }));
    const high = list('high');
    const low = list('low');
    return { high, low, isDefault: { high: high.length === 0, low: low.length === 0 } };
  }

  app.get(
    '/me/notification-rules',
    {
      schema: { tags, summary: 'Your notification rules', response: { 200: NotificationRules } },
      config: { access: 'viewer' },
    },
    async (request) => rulesOf(actorOf(request).userId),
  );

  app.put(
    '/me/notification-rules',
    {
      schema: {
        tags,
        summary: 'Replace your notification rules',
        description: 'Per urgency, a list of (contact method, minutes after you are paged). Empty: every method at 0.',
        body: NotificationRulesInput,
        response: { 200: NotificationRules },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const actor = actorOf(request);
      await setNotificationRules(ctx, actor.userId, request.body, actor);
      return rulesOf(actor.userId);
    },
  );

  app.get(
    '/me/working-hours',
    {
      schema: { tags, summary: 'Your working hours (default Mon–Fri 09:00–18:00)', response: { 200: WorkingHours } },
      config: { access: 'viewer' },
    },
    async (request) => getWorkingHours(ctx.db, actorOf(request).userId),
  );

  app.put(
    '/me/working-hours',
    {
      schema: {
        tags,
        summary: 'Set your working hours',
        description: 'Low-urgency pages outside them wait until your next working hours begin.',
        body: WorkingHours,
        response: { 200: WorkingHours },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const actor = actorOf(request);
      await setWorkingHours(ctx, actor.userId, request.body, actor);
      return getWorkingHours(ctx.db, actor.userId);
    },
  );

  app.post(
    '/me/contact-methods/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test notification; the method is verified once it is delivered',
        params: MethodParams,
        response: { 202: TestNotification },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.code(202).send(await sendTestNotification(ctx, actor.userId, request.params.id, actor));
    },
  );

  app.get(
    '/me/contact-method-checks',
    {
      schema: {
        tags,
        summary: 'Which of your contact methods are verified, and how their latest test went',
        response: { 200: pageOf(ContactMethodCheck) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const rows = await listMethodChecks(ctx.db, actorOf(request).userId);
      return {
        items: rows.map((r) => ({
          contactMethodId: r.id,
          verifiedAt: toIsoOrNull(r.verifiedAt),
          lastTest: r.lastTest
            ? {
                notificationId: r.lastTest.id,
                status: r.lastTest.status,
                error: r.lastTest.last_error,
                at: toIso(r.lastTest.created_at),
              }
            : null,
        })),
        nextCursor: null,
      };
    },
  );

  app.get(
    '/me/contact-methods/:id/signing-secret',
    {
      schema: {
        tags,
        summary: 'The key your webhook receiver verifies Firebreak-Signature with',
        params: MethodParams,
        response: { 200: SigningSecret },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const method = await ownContactMethod(ctx, actorOf(request).userId, request.params.id);
      return presentSigningKeys(await webhookSigningKeys(ctx, method.id));
    },
  );

  app.post(
    '/me/contact-methods/:id/signing-secret/rotate',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret; the previous one keeps signing for 24 hours',
        description:
          'Answers the new secret. Until `rotatingUntil` (or finish-rotation) every request carries two v1 signatures, new first.',
        params: MethodParams,
        response: { 200: SigningSecret },
      },
      config: { access: 'viewer' },
    },
    async (request) => presentSigningKeys(await rotateSigningSecret(ctx, actorOf(request), request.params.id)),
  );

  app.post(
    '/me/contact-methods/:id/signing-secret/finish-rotation',
    {
      schema: {
        tags,
        summary: 'Stop signing with the previous secret now',
        params: MethodParams,
        response: { 204: NoContent },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await finishSigningSecretRotation(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/inbox',
    {
      schema: {
        tags,
        summary: 'Your in-app notifications, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).describe('How many') }),
        response: { 200: pageOf(InboxItem) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const rows = await listInbox(ctx.db, actorOf(request).userId, request.query.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          pageId: r.page_id,
          summary: r.summary ?? r.subject ?? '',
          url: r.url ?? null,
          urgency: r.urgency,
          createdAt: toIso(r.created_at),
          readAt: toIsoOrNull(r.read_at),
        })),
        nextCursor: null,
      };
    },
  );

  app.post(
    '/me/inbox/:id/read',
    {
      schema: { tags, summary: 'Mark an in-app notification read', params: MethodParams, response: { 204: z.null() } },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await markInboxRead(ctx, actorOf(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
