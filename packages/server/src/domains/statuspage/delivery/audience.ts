import type { Executor } from '../../../core/db/database.js';
import type { SubscriberRow } from '../statuspage.model.js';
import { listActiveSubscriberRows } from '../subscribers.repo.js';

/**
 * Whether a subscriber hears about something affecting `componentIds`: subscribers to every
 * component always do; others when one of their components is affected, or when nothing names
 * components at all (a page-wide notice).
 */
export function wants(subscriber: Pick<SubscriberRow, 'component_ids'>, componentIds: string[]): boolean {
  const chosen = JSON.parse(subscriber.component_ids) as string[];
  if (chosen.length === 0 || componentIds.length === 0) return true;
  return chosen.some((id) => componentIds.includes(id));
}

export async function interestedSubscribers(ex: Executor, componentIds: string[]): Promise<SubscriberRow[]> {
  return (await listActiveSubscriberRows(ex)).filter((s) => wants(s, componentIds));
}

export async function countInterestedSubscribers(ex: Executor, componentIds: string[]): Promise<number> {
  return (await interestedSubscribers(ex, componentIds)).length;
}
