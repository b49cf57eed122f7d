import { z } from 'zod';

/** draft: being written; in_review: ready for the review meeting; published: final, searchable. */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export const PostmortemStatus = z
  .enum(POSTMORTEM_STATUSES)
  .describe('draft: being written; in_review: ready for review; published: final and searchable');
export type PostmortemStatus = z.infer<typeof PostmortemStatus>;

/** Legal next states. A review may send a postmortem back to draft; publishing is final. */
export const POSTMORTEM_TRANSITIONS: Readonly<Record<PostmortemStatus, readonly PostmortemStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: [],
};

export const canMovePostmortem = (from: PostmortemStatus, to: PostmortemStatus): boolean =>
  POSTMORTEM_TRANSITIONS[from].includes(to);

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'wont_do'] as const;
export const ActionItemStatus = z
  .enum(ACTION_ITEM_STATUSES)
  .describe('open / in_progress / blocked: still to do; done; wont_do: decided against (say why in the description)');
export type ActionItemStatus = z.infer<typeof ActionItemStatus>;

/** Statuses that still need work: these count for "overdue" and for ownership checks. */
export const OPEN_ACTION_ITEM_STATUSES = ['open', 'in_progress', 'blocked'] as const satisfies ActionItemStatus[];
export const isOpenActionItem = (status: ActionItemStatus): boolean =>
  (OPEN_ACTION_ITEM_STATUSES as readonly ActionItemStatus[]).includes(status);

export const ActionItemKind = z
  .enum(['immediate', 'long_term'])
  .describe('immediate: do now to prevent a repeat soon; long_term: plan it (architecture, process)');
export type ActionItemKind = z.infer<typeof ActionItemKind>;

export const ActionItemPriority = z
  .enum(['high', 'medium', 'low'])
  .describe('How much it matters relative to other work');
export type ActionItemPriority = z.infer<typeof ActionItemPriority>;
