import nodemailer from 'nodemailer';
import type { Config } from '../../../core/config.js';
import { OutboundError, outboundRequest } from '../../../core/outbound/request.js';
import type { OutboundRules } from '../../../core/outbound/rules.js';
import { signatureHeader } from '../../../core/outbound/signing-keys.js';
import type { Email } from './messages.js';

// Sending one message to one subscriber. A failure says whether trying again can help: the
// delivery job retries temporary failures (with the scheduler's backoff) and gives up on permanent ones.

export class SendError extends Error {
  constructor(
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

const TIMEOUT_MS = 10_000;

export async function sendEmail(
  config: Config,
  to: string,
  email: Email,
  options: { messageId: string; unsubscribeUrl?: string | undefined },
): Promise<void> {
  if (!config.smtpUrl) throw new SendError(true, 'email is off: SMTP_URL is not set');
  const transport = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as never);
  try {
    await transport.sendMail({
      from: config.smtpFrom,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${options.messageId}@firebreak-status>`,
      headers: options.unsubscribeUrl
        ? { 'List-Unsubscribe': `<${options.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    });
  } catch (err) {
    const e = err as { responseCode?: number; message?: string };
    throw new SendError(
      typeof e.responseCode === 'number' && e.responseCode >= 500,
      `SMTP: ${e.message ?? String(err)}`,
    );
  } finally {
    transport.close();
  }
}

/**
 * POSTs JSON to a webhook, signed like Stripe: `Firebreak-Signature: t=<unix s>,v1=<hex HMAC-SHA256
 * of "<t>.<body>">`, one `v1` per secret (two during a rotation). The notification id is the
 * `Idempotency-Key`, the same on every retry. The address goes through the outbound rules
 * (core/outbound): one they refuse is a permanent failure.
 */
export async function sendWebhook(
  url: string,
  body: string,
  options: { secrets: string[]; idempotencyKey: string; nowMs: number; rules: OutboundRules },
): Promise<void> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Firebreak-Status',
    'idempotency-key': options.idempotencyKey,
    'firebreak-signature': signatureHeader(options.secrets, Math.floor(options.nowMs / 1000), body),
  };
  let status: number;
  try {
    ({ status } = await outboundRequest(options.rules, url, { headers, body }, { timeoutMs: TIMEOUT_MS }));
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const refused = err.kind === 'refused';
    throw new SendError(refused, refused ? `refused: ${err.message}` : `cannot reach the webhook: ${err.message}`);
  }
  if (status >= 200 && status < 300) return;
  const retry = status === 408 || status === 429 || status >= 500;
  throw new SendError(!retry, `webhook answered HTTP ${status}`);
}
