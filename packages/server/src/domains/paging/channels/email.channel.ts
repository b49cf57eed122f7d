import nodemailer from 'nodemailer';
import { type Channel, DeliveryError, permanent, temporary } from './channel.js';

// Email over SMTP. The notification id goes into the Message-ID, so a retry after an unknown
// outcome is recognisable as the same message by mail clients that collapse duplicates.

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
]);

/** SMTP replies 5xx and envelope errors are permanent; 4xx replies and connection trouble are temporary. */
export function classifySmtpError(err: unknown) {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const message = e.response ?? e.message ?? String(err);
  if (typeof e.responseCode === 'number') {
    return e.responseCode >= 500 ? permanent(`SMTP ${message}`) : temporary(`SMTP ${message}`);
  }
  if (e.code && CONNECTION_CODES.has(e.code)) return temporary(`mail server unreachable: ${message}`);
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE' || e.code === 'EAUTH') return permanent(`SMTP ${message}`);
  return temporary(`SMTP ${message}`);
}

export const emailChannel: Channel = {
  kind: 'email',
  async send(delivery, deps) {
    if (!deps.config.smtpUrl) throw permanent('email is off: SMTP_URL is not set');
    const transport = nodemailer.createTransport(deps.config.smtpUrl, {
      connectionTimeout: deps.timeoutMs,
      greetingTimeout: deps.timeoutMs,
      socketTimeout: deps.timeoutMs,
    } as never);
    try {
      const { message } = delivery;
      const info = await transport.sendMail({
        from: deps.config.smtpFrom,
        to: delivery.address,
        subject: message.subject,
        text: message.text,
        messageId: `<${delivery.notificationId}@firebreak>`,
        headers: {
          'X-Firebreak-Notification': delivery.notificationId,
          ...(message.urgency === 'high' ? { Importance: 'high', 'X-Priority': '1' } : {}),
        },
      });
      if (info.rejected.length > 0) throw permanent(`the mail server refused ${delivery.address}`);
      return { providerId: info.messageId ?? null };
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      throw classifySmtpError(err);
    } finally {
      transport.close();
    }
  },
};
