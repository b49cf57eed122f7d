import { type ContactMethod, ContactMethodInput, Email } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { requireOutboundUrl } from '../../../core/outbound/request.js';
import { type By, requireSelfOrAdmin } from '../directory.policy.js';
import { presentContactMethod } from '../directory.presenter.js';
import { type ContactMethodRow, getUser, insertContactMethod } from '../users.repo.js';
import { parseInput } from '../validate.js';

/** Checks the address fits its kind, so a typo is caught now rather than during an outage. */
function normaliseAddress(kind: ContactMethodInput['kind'], address: string): string {
  switch (kind) {
    case 'email': {
      const parsed = Email.safeParse(address);
      if (!parsed.success) throw invalidField('address', 'must be an email address');
      return parsed.data;
    }
    case 'sms':
    case 'voice':
      if (!/^\+[1-9]\d{6,14}$/.test(address.replace(/[\s().-]/g, ''))) {
        throw invalidField('address', 'must be a phone number in international format, e.g. +49 30 1234567');
      }
      return address.replace(/[\s().-]/g, '');
    case 'webhook':
    case 'ntfy':
      if (!URL.canParse(address) || !/^https?:/.test(address)) throw invalidField('address', 'must be an http(s) URL');
      return address;
    default:
      return address;
  }
}

export async function addContactMethod(
  ctx: AppContext,
  userId: string,
  input: ContactMethodInput,
  by: By,
): Promise<ContactMethod> {
  const data = parseInput(ContactMethodInput, input);
  requireSelfOrAdmin(by, userId, "change a person's contact methods");
  if (!(await getUser(ctx.db, userId))) throw notFound('user', userId);
  const address = normaliseAddress(data.kind, data.address);
  // Webhook-style addresses (a Slack address may also be a user id) must pass the outbound rules.
  if (/^https?:/i.test(address)) await requireOutboundUrl(ctx.config.outbound, 'address', address);
  const row: ContactMethodRow = {
    id: newId(),
    user_id: userId,
    kind: data.kind,
    label: data.label,
    address,
    verified_at: null,
    created_at: ctx.clock.now(),
  };
  await insertContactMethod(ctx.db, row);
  return presentContactMethod(row);
}
