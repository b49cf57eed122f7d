import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../../../core/config.js';
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
 * of "<t>.<body>">`. The notification id is the `Idempotency-Key`, the same on every retry.
 */
export async function sendWebhook(
  url: string,
  body: string,
  options: { secret: string; idempotencyKey: string; nowMs: number },
): Promise<void> {
  const t = Math.floor(options.nowMs / 1000);
  const v1 = createHmac('sha256', options.secret).update(`${t}.${body}`).digest('hex');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Firebreak-Status',
        'idempotency-key': options.idempotencyKey,
        'firebreak-signature': `t=${t},v1=${v1}`,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new SendError(false, `cannot reach the webhook: ${(err as Error).message}`);
  }
  await response.body?.cancel().catch(() => {});
  if (response.ok) return;
  const retry = response.status === 408 || response.status === 429 || response.status >= 500;
  throw new SendError(!retry, `webhook answered HTTP ${response.status}`);
}
