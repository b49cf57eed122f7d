import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../../core/ids.js';
import type { SigningOwner } from '../../../core/outbound/signing-keys.js';

// Links in subscriber emails carry an HMAC of the subscriber (and, to confirm, of the current
// confirmation nonce) with the server's secret: nothing to store, nothing to guess. Confirming
// clears the nonce, so a confirmation link works once.

const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

export const confirmToken = (secret: string, subscriberId: string, nonce: string) =>
  sign(secret, `statuspage-confirm:${subscriberId}:${nonce}`);

export const unsubscribeToken = (secret: string, subscriberId: string) =>
  sign(secret, `statuspage-unsubscribe:${subscriberId}`);

export const webhookSecret = (secret: string, subscriberId: string) =>
  sign(secret, `statuspage-webhook:${subscriberId}`);

/** A webhook subscriber's signing secrets (core/outbound/signing-keys.ts): derived until first rotated. */
export const subscriberSigningOwner = (secret: string, subscriberId: string): SigningOwner => ({
  kind: 'status_subscriber',
  id: subscriberId,
  derived: webhookSecret(secret, subscriberId),
});

export const tokenMatches = (given: string | undefined, expected: string) =>
  typeof given === 'string' && constantTimeEqual(given, expected);

export const confirmUrl = (pageUrl: string, secret: string, subscriberId: string, nonce: string) =>
  `${pageUrl}/subscriptions/${subscriberId}/confirm?token=${confirmToken(secret, subscriberId, nonce)}`;

export const unsubscribeUrl = (pageUrl: string, secret: string, subscriberId: string) =>
  `${pageUrl}/subscriptions/${subscriberId}/unsubscribe?token=${unsubscribeToken(secret, subscriberId)}`;
