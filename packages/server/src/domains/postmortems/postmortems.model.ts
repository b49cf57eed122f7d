import type {
  ActionItemKind,
  ActionItemPriority,
  ActionItemStatus,
  PostmortemSectionKind,
  PostmortemStatus,
} from '@firebreak/shared';
import type { Selectable } from 'kysely';
import '../incidents/incidents.model.js';
import '../directory/directory.model.js';

// Row types of the postmortems domain (see migrations/2026-11-23-060-postmortems.ts).

export interface PostmortemTemplatesTable {
  id: string;
  name: string;
  description: string;
  /** JSON array of { key, title, kind, prompt }. */
  sections: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

export interface PostmortemDueRulesTable {
  severity_id: string;
  draft_due_working_days: number | null;
  publish_due_working_days: number | null;
  updated_at: number;
}

export interface PostmortemsTable {
  id: string;
  incident_id: string;
  template_id: string;
  title: string;
  status: PostmortemStatus;
  owner_id: string | null;
  due_at: number | null;
  publish_due_at: number | null;
  review_meeting_at: number | null;
  /** JSON ProcessFigures, computed from the incident when the draft was created. */
  figures: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  published_at: number | null;
  version: number;
}

export interface PostmortemTagsTable {
  postmortem_id: string;
  tag: string;
}

export interface PostmortemSectionsTable {
  postmortem_id: string;
  key: string;
  position: number;
  title: string;
  kind: PostmortemSectionKind;
  prompt: string;
  body: string;
  /** Optimistic version of this section alone: concurrent saves of other sections never collide. */
  version: number;
  updated_by: string | null;
  updated_at: number;
}

export interface PostmortemTimelineTable {
  id: string;
  postmortem_id: string;
  /** The incident timeline entry this row was copied from; the incident's own entry is never changed. */
  source_entry_id: string | null;
  kind: string;
  text: string;
  actor_id: string | null;
  happened_at: number;
  edited: number;
  created_at: number;
  updated_at: number;
}

export interface PostmortemWhyChainsTable {
  id: string;
  postmortem_id: string;
  problem: string;
  /** JSON array of { why, because }, immediate cause first. */
  steps: string;
  version: number;
  updated_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PostmortemFactorsTable {
  id: string;
  postmortem_id: string;
  category: string;
  description: string;
  created_by: string | null;
  created_at: number;
}

export interface PostmortemContributorsTable {
  postmortem_id: string;
  user_id: string;
  reason: string;
  invited_by: string | null;
  invited_at: number;
  last_contributed_at: number | null;
}

export interface PostmortemCommentsTable {
  id: string;
  postmortem_id: string;
  section_key: string;
  author_id: string;
  body: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface PostmortemNoticesTable {
  subject_id: string;
  kind: string;
  due_at: number;
  created_at: number;
}

export type ActionItemSourceKind = 'postmortem' | 'decision' | 'timeline_entry';

export interface ActionItemsTable {
  id: string;
  incident_id: string;
  postmortem_id: string | null;
  source_kind: ActionItemSourceKind;
  source_id: string;
  title: string;
  description: string;
  kind: ActionItemKind;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  owner_id: string | null;
  team_id: string | null;
  due_at: number | null;
  tracker_url: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  version: number;
}

declare module '../../core/db/database.js' {
  interface Tables {
    postmortem_templates: PostmortemTemplatesTable;
    postmortem_due_rules: PostmortemDueRulesTable;
    postmortems: PostmortemsTable;
    postmortem_tags: PostmortemTagsTable;
    postmortem_sections: PostmortemSectionsTable;
    postmortem_timeline: PostmortemTimelineTable;
    postmortem_why_chains: PostmortemWhyChainsTable;
    postmortem_factors: PostmortemFactorsTable;
    postmortem_contributors: PostmortemContributorsTable;
    postmortem_comments: PostmortemCommentsTable;
    postmortem_notices: PostmortemNoticesTable;
    action_items: ActionItemsTable;
  }
}

export type PostmortemRow = Selectable<PostmortemsTable>;
export type SectionRow = Selectable<PostmortemSectionsTable>;
export type PmTimelineRow = Selectable<PostmortemTimelineTable>;
export type WhyChainRow = Selectable<PostmortemWhyChainsTable>;
export type ActionItemRow = Selectable<ActionItemsTable>;
export type TemplateRow = Selectable<PostmortemTemplatesTable>;

export type PostmortemReminderStep = 'draft_due_soon' | 'draft_overdue' | 'publish_overdue';
export type ActionItemReminderStep = 'due_soon' | 'overdue' | 'still_overdue';

declare module '../../core/events.js' {
  interface DomainEvents {
    'postmortem.created': { postmortemId: string; incidentId: string; automatic: boolean };
    /** Everyone involved in the incident is asked to contribute; notifications deliver the invitation. */
    'postmortem.contributors_invited': { postmortemId: string; incidentId: string; userIds: string[] };
    'postmortem.status_changed': {
      postmortemId: string;
      incidentId: string;
      from: PostmortemStatus;
      to: PostmortemStatus;
    };
    'postmortem.reminder': {
      postmortemId: string;
      incidentId: string;
      recipientId: string;
      step: PostmortemReminderStep;
      dueAt: number;
    };
    'action_item.created': { actionItemId: string; incidentId: string; ownerId: string | null };
    'action_item.updated': { actionItemId: string; incidentId: string; ownerId: string | null };
    'action_item.reminder': { actionItemId: string; recipientId: string; step: ActionItemReminderStep; dueAt: number };
    'action_items.reassigned': { fromUserId: string; toUserId: string; actionItemIds: string[] };
  }
}

export const JOB_POSTMORTEM_REMINDER = 'postmortem-due-reminder';
export const JOB_ACTION_ITEM_REMINDER = 'action-item-reminder';

/** How long before a due date the first reminder goes out. */
export const DRAFT_DUE_SOON_MS = 24 * 60 * 60_000;
export const ACTION_ITEM_DUE_SOON_MS = 2 * 24 * 60 * 60_000;
/** While an action item stays overdue, its owner is reminded again this often. */
export const ACTION_ITEM_REPEAT_MS = 7 * 24 * 60 * 60_000;
