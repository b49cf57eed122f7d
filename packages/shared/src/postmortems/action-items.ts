import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { PersonRef } from '../incidents/roles.js';
import { ActionItemKind, ActionItemPriority, ActionItemStatus } from './lifecycle.js';
import { parseTrackerUrl } from './tracker.js';

export const TrackerUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (u) => parseTrackerUrl(u) !== null,
    'must be an https link to a Jira issue (…/browse/KEY-1), a Linear issue (linear.app/…/issue/KEY-1) or a GitHub issue or pull request',
  )
  .describe('Link to the issue in Jira, Linear or GitHub');

export const ActionItemSource = z
  .object({
    kind: z.enum(['postmortem', 'decision', 'timeline_entry']),
    id: Id.describe('Postmortem, decision or incident timeline entry id'),
  })
  .describe('What the item was created from');

export const ActionItem = z.object({
  id: Id,
  incident: z.object({ id: Id, number: z.string(), title: z.string() }),
  postmortemId: Id.nullable(),
  source: ActionItemSource,
  title: z.string(),
  description: z.string(),
  kind: ActionItemKind,
  priority: ActionItemPriority,
  status: ActionItemStatus,
  owner: PersonRef.nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  dueAt: IsoTime.nullable(),
  overdue: z.boolean().describe('Still open after its due time'),
  trackerUrl: z.string().nullable(),
  tracker: z.object({ kind: z.enum(['jira', 'linear', 'github']), key: z.string() }).nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  completedAt: IsoTime.nullable(),
  version: z.number().int(),
});
export type ActionItem = z.infer<typeof ActionItem>;

const Fields = {
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(10_000),
  kind: ActionItemKind,
  priority: ActionItemPriority,
  ownerId: Id.nullable().describe('Who does it'),
  teamId: Id.nullable().describe('Team it belongs to; defaults to the team owning the affected service'),
  dueAt: IsoTime.nullable(),
  trackerUrl: TrackerUrl.nullable(),
};

export const CreateActionItemInput = z.strictObject({
  from: z
    .strictObject({
      kind: z.enum(['postmortem', 'decision', 'timeline_entry']),
      id: Id,
    })
    .describe('Postmortem id, or a decision or timeline entry of an incident'),
  title: Fields.title,
  description: Fields.description.default(''),
  kind: Fields.kind.default('long_term'),
  priority: Fields.priority.default('medium'),
  ownerId: Fields.ownerId.optional(),
  teamId: Fields.teamId.optional(),
  dueAt: Fields.dueAt.optional(),
  trackerUrl: Fields.trackerUrl.optional(),
});
export type CreateActionItemInput = z.input<typeof CreateActionItemInput>;

export const UpdateActionItemInput = z.strictObject({
  version: z.number().int().min(1),
  title: Fields.title.optional(),
  description: Fields.description.optional(),
  kind: Fields.kind.optional(),
  priority: Fields.priority.optional(),
  status: ActionItemStatus.optional(),
  ownerId: Fields.ownerId.optional(),
  teamId: Fields.teamId.optional(),
  dueAt: Fields.dueAt.optional(),
  trackerUrl: Fields.trackerUrl.optional(),
});
export type UpdateActionItemInput = z.input<typeof UpdateActionItemInput>;

const Flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ActionItemListQuery = PageQuery.extend({
  status: z
    .enum(['open', 'in_progress', 'blocked', 'done', 'wont_do', 'unfinished'])
    .optional()
    .describe('`unfinished`: open, in progress or blocked'),
  overdue: Flag.describe('Only unfinished items past their due time'),
  owner: z.string().max(64).optional().describe('Owner id, or `me`'),
  team: z.string().max(64).optional().describe('Team id, or `mine`'),
  incident: z.string().max(64).optional().describe('Incident id or number'),
  postmortem: Id.optional(),
});
export type ActionItemListQuery = z.input<typeof ActionItemListQuery>;

export const ActionItemOverdueSummary = z.object({
  byPerson: z.array(z.object({ person: PersonRef.nullable(), count: z.number().int(), oldestDueAt: IsoTime })),
  byTeam: z.array(
    z.object({
      team: z.object({ id: Id, name: z.string() }).nullable(),
      count: z.number().int(),
      oldestDueAt: IsoTime,
    }),
  ),
  total: z.number().int(),
});
export type ActionItemOverdueSummary = z.infer<typeof ActionItemOverdueSummary>;
