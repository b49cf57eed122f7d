import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const SUBSCRIBER_KINDS = ['email', 'webhook'] as const;
export const SubscriberKind = z.enum(SUBSCRIBER_KINDS);
export type SubscriberKind = z.infer<typeof SubscriberKind>;

export const SubscriberEmail = z.email().max(254).describe('Where notifications go');

/** A public sign-up: email only, confirmed by a link before anything else is sent. */
export const SubscribeInput = z.strictObject({
  email: SubscriberEmail,
  componentIds: z.array(Id).max(100).default([]).describe('Only these components; empty for all'),
});
export type SubscribeInput = z.input<typeof SubscribeInput>;

/** An admin adds a subscriber: webhooks are confirmed at once, emails still confirm by link. */
export const AddSubscriberByAdminInput = z.strictObject({
  kind: SubscriberKind,
  address: z.string().trim().min(3).max(2000).describe('Email address or https:// URL'),
  componentIds: z.array(Id).max(100).default([]),
});
export type AddSubscriberByAdminInput = z.input<typeof AddSubscriberByAdminInput>;

export const StatusSubscriber = z.object({
  id: Id,
  kind: SubscriberKind,
  address: z.string(),
  componentIds: z.array(Id).describe('Empty: every component'),
  state: z.enum(['pending', 'confirmed', 'unsubscribed']),
  createdAt: IsoTime,
  confirmedAt: IsoTime.nullable(),
  lastDelivery: z
    .object({ status: z.string(), at: IsoTime, error: z.string().nullable() })
    .nullable()
    .describe('The most recent notification to this subscriber'),
  signingSecret: z
    .string()
    .optional()
    .describe('Webhooks, in the answer to adding one: verify `Firebreak-Signature` with it'),
});
export type StatusSubscriber = z.infer<typeof StatusSubscriber>;
