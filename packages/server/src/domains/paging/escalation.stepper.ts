import type { AppContext } from '../../core/context.js';
import { getPolicyWithLevels, levelAtStep, resolveEscalationLevel } from '../oncall/index.js';
import type { PageRow } from './pages.repo.js';

// Which people a step of a page reaches. Steps count from the page's first step across repeats
// and reassignments; the policy's level is `step - assignment_step` (on-call's resolver counts
// repeats itself). People paged directly form a single step with nothing after it.

export type StepTarget = {
  levelIndex: number | null;
  levelName: string;
  userIds: string[];
  /** How long this level waits before the next one. */
  delayMs: number;
  hasNext: boolean;
};

/** Null when the page's assignment has no such step (past the last repeat, or its policy is gone). */
export async function stepTarget(
  ctx: AppContext,
  page: Pick<PageRow, 'policy_id' | 'target_user_ids' | 'assignment_step'>,
  step: number,
  at: number,
): Promise<StepTarget | null> {
  const index = step - page.assignment_step;
  if (index < 0) return null;
  if (!page.policy_id) {
    if (index !== 0) return null;
    return {
      levelIndex: null,
      levelName: 'Paged directly',
      userIds: JSON.parse(page.target_user_ids) as string[],
      delayMs: 0,
      hasNext: false,
    };
  }
  const entry = await getPolicyWithLevels(ctx, page.policy_id);
  if (!entry) return null;
  const level = levelAtStep(entry.levels, entry.policy.repeat_count, index);
  if (!level) return null;
  const round = Math.floor(index / Math.max(1, entry.levels.length));
  return {
    levelIndex: level.index,
    levelName: round > 0 ? `${level.name} (repeat ${round})` : level.name,
    userIds: await resolveEscalationLevel(ctx, page.policy_id, index, at),
    delayMs: level.delayMinutes * 60_000,
    hasNext: levelAtStep(entry.levels, entry.policy.repeat_count, index + 1) !== null,
  };
}

/** True when escalating by hand has somewhere to go. */
export async function hasNextStep(ctx: AppContext, page: PageRow): Promise<boolean> {
  const next = page.current_step + 1;
  const index = next - page.assignment_step;
  if (!page.policy_id) return index === 0;
  const entry = await getPolicyWithLevels(ctx, page.policy_id);
  return entry !== null && levelAtStep(entry.levels, entry.policy.repeat_count, index) !== null;
}
