import type { ChannelKind, PageUrgency } from '@firebreak/shared';
import type { Config } from '../../../core/config.js';

// One contract for every way a notification travels. A channel sends one message to one address
// and either returns (the peer accepted it) or throws a DeliveryError saying whether trying again
// can help. It never retries and never touches the database: the outbox does both.

/** What every channel renders, in its own format. */
export type Message = {
  /** page: asks for an acknowledgement; notice: tells one person something (no links); test: checks a method. */
  kind: 'page' | 'test' | 'notice';
  subject: string;
  /** Plain text, links included. */
  text: string;
  urgency: PageUrgency;
  page: { id: string; summary: string; details: string; status: string; url: string } | null;
  recipient: { id: string; name: string };
  links: { acknowledge: string; resolve: string } | null;
};

export type Delivery = {
  /** The notification id: the idempotency key the channel passes on where the peer supports one. */
  notificationId: string;
  contactMethodId: string | null;
  address: string;
  message: Message;
};

export type ChannelDeps = {
  config: Config;
  secretKey: string;
  /** Epoch ms from the injected clock (for signatures and Retry-After dates). */
  now: number;
  /** Outbound HTTP and SMTP give up after this long. */
  timeoutMs: number;
  /** The secrets a webhook contact method signs with now, newest first (two during a rotation). */
  signingSecrets(contactMethodId: string): Promise<string[]>;
};

export type SendResult = { providerId?: string | null; httpStatus?: number | null };

export interface Channel {
  kind: ChannelKind;
  send(delivery: Delivery, deps: ChannelDeps): Promise<SendResult>;
}

/**
 * A failed send. `temporary`: the peer was unreachable, slow, overloaded (5xx) or rate limiting
 * (429, with its Retry-After); trying later may work. `permanent`: the address or the request is
 * wrong (other 4xx, a rejected mailbox, a channel that is not configured); trying again cannot help.
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'temporary' | 'permanent',
    message: string,
    readonly options: { httpStatus?: number | undefined; retryAfterMs?: number | undefined } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export const temporary = (message: string, options?: DeliveryError['options']) =>
  new DeliveryError('temporary', message, options);
export const permanent = (message: string, options?: DeliveryError['options']) =>
  new DeliveryError('permanent', message, options);
