import type { BulkResult, NoiseVerdict } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import { requireRole, userIdOf } from '../alerts.policy.js';
import { inOrder } from './change-alerts.js';

/**
 * Records whether alerts were worth someone's attention (null clears the mark). Feeds each
 * integration's noise ratio.
 *
 * @example
 * await markNoise(ctx, [alertId], 'noisy', actor);
 */
export async function markNoise(
  ctx: AppContext,
  ids: string[],
  verdict: NoiseVerdict | null,
  by: By,
): Promise<BulkResult> {
  requireRole(by, 'responder', 'give feedback on alerts');
  const unique = [...new Set(ids)];
  const rows = await ctx.db.selectFrom('alerts').select(['id', 'noise']).where('id', 'in', unique).execute();
  const missing = unique.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw notFound('alert', missing);
  const changed = inOrder(unique, rows)
    .filter((r) => r.noise !== verdict)
    .map((r) => r.id);
  if (changed.length) {
    await ctx.db
      .updateTable('alerts')
      .set({ noise: verdict, noise_by: verdict ? userIdOf(by) : null, noise_at: verdict ? ctx.clock.now() : null })
      .where('id', 'in', changed)
      .execute();
  }
  return { changed, unchanged: unique.filter((id) => !changed.includes(id)) };
}
