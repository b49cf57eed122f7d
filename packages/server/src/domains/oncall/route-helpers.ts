import { invalidField } from '../../core/errors.js';
import { COVERAGE_HORIZON_MS, MAX_RANGE_MS } from './oncall.model.js';

export { actorOf, NoContent } from '../../http/route-helpers.js';

/** [from, to) from ISO query values: from defaults to now, to to 14 days later; at most one year. */
export function parseRange(query: { from?: string | undefined; to?: string | undefined }, now: number) {
  const from = query.from ? Date.parse(query.from) : now;
  const to = query.to ? Date.parse(query.to) : from + COVERAGE_HORIZON_MS;
  if (to <= from) throw invalidField('querystring.to', 'must be after from');
  if (to - from > MAX_RANGE_MS) throw invalidField('querystring.to', 'the range may span at most one year (366 days)');
  return { from, to };
}
