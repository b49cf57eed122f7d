import { DateTime } from 'luxon';
import type { Executor } from '../../core/db/database.js';
import { slugify } from '../../core/ids.js';
import { channelNameTaken } from './incidents.repo.js';

/**
 * `inc-YYYY-MM-DD-slug`, dated in the organisation's time zone: an incident declared at 23:30 in
 * Berlin belongs to that Berlin day, whatever the UTC date is.
 *
 * @example
 * channelBaseName('Checkout down', Date.parse('2026-03-01T23:30:00Z'), 'Europe/Berlin'); // 'inc-2026-03-02-checkout-down'
 */
export function channelBaseName(title: string, declaredAt: number, zone: string): string {
  const day = DateTime.fromMillis(declaredAt, { zone }).toISODate();
  return `inc-${day}-${slugify(title, 48)}`;
}

/** The channel name, with the incident number appended when another incident already has it. */
export async function uniqueChannelName(
  ex: Executor,
  title: string,
  declaredAt: number,
  zone: string,
  number: number,
): Promise<string> {
  const base = channelBaseName(title, declaredAt, zone);
  return (await channelNameTaken(ex, base)) ? `${base}-${number}` : base;
}
