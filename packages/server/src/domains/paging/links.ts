import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../core/ids.js';
import { LINK_LIFETIME_MS, type LinkAction } from './paging.model.js';

// Acknowledge and resolve links in notifications: signed with the server's secret (HMAC-SHA256),
// expiring, and single-use (the link id is recorded when used). They act without signing in, as
// the person the notification went to. A token names only the notification, the action and the
// expiry (the page and the person come from the notification row), packed in binary so the URL
// stays short enough for SMS and for URL path limits. The link id is derived from the
// notification, so a retried delivery carries the same links and one use spends them.

export type LinkClaims = { notificationId: string; action: LinkAction; expiresAt: number };

const ACTIONS: LinkAction[] = ['ack', 'resolve'];
const PAYLOAD_BYTES = 23; // 16 (UUID) + 1 (action) + 6 (expiry, epoch ms)
const SIGNATURE_BYTES = 16; // HMAC-SHA256 truncated to 128 bits

/** The id recorded when a link is used: one per notification and action. */
export const linkIdOf = (claims: Pick<LinkClaims, 'notificationId' | 'action'>) =>
  `${claims.notificationId}:${claims.action}`;

const sign = (secretKey: string, payload: Buffer) =>
  createHmac('sha256', secretKey)
    .update('firebreak-page-link:')
    .update(payload)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');

/** The token of a link (the part after `/p/`). */
export function signLink(secretKey: string, claims: LinkClaims): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  Buffer.from(claims.notificationId.replace(/-/g, ''), 'hex').copy(payload, 0);
  payload.writeUInt8(ACTIONS.indexOf(claims.action), 16);
  payload.writeUIntBE(claims.expiresAt, 17, 6);
  return `${payload.toString('base64url')}.${sign(secretKey, payload)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'forged' | 'expired' };

/** Checks the signature and the expiry; whether the link was used already is the caller's question. */
export function verifyLink(secretKey: string, token: string, now: number): LinkCheck {
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return { ok: false, reason: 'forged' };
  const payload = Buffer.from(encoded, 'base64url');
  if (payload.length !== PAYLOAD_BYTES || payload.toString('base64url') !== encoded)
    return { ok: false, reason: 'forged' };
  if (!constantTimeEqual(signature, sign(secretKey, payload))) return { ok: false, reason: 'forged' };
  const action = ACTIONS[payload.readUInt8(16)];
  if (!action) return { ok: false, reason: 'forged' };
  const expiresAt = payload.readUIntBE(17, 6);
  if (now >= expiresAt) return { ok: false, reason: 'expired' };
  const hex = payload.subarray(0, 16).toString('hex');
  const notificationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, claims: { notificationId, action, expiresAt } };
}

/** Both links of one notification, as full URLs. */
export function actionLinks(
  options: { secretKey: string; publicUrl: string },
  n: { id: string; dueAt: number },
): { acknowledge: string; resolve: string } {
  const url = (action: LinkAction) =>
    `${options.publicUrl}/p/${signLink(options.secretKey, { notificationId: n.id, action, expiresAt: n.dueAt + LINK_LIFETIME_MS })}`;
  return { acknowledge: url('ack'), resolve: url('resolve') };
}
