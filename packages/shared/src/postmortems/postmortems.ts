import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { IncidentStatus } from '../incidents/lifecycle.js';
import { PersonRef } from '../incidents/roles.js';
import { SeverityRef } from '../incidents/severities.js';
import { ActionItem } from './action-items.js';
import { PostmortemStatus } from './lifecycle.js';
import { PostmortemSectionKey, PostmortemSectionKind } from './templates.js';

const Markdown = z.string().max(100_000).describe('Markdown; rendered with a safe subset on export');
const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u, 'letters, digits, spaces, _ . - ; at most 40')
  .describe('Tag, e.g. `database`');
const FactorCategory = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, e.g. `deployment`')
  .describe('Kind of factor, e.g. deployment, monitoring, capacity, dependency, configuration, process');

/** How the incident response went, measured from the incident's own record. */
export const ProcessFigures = z.object({
  timeToDeclareMs: z.number().nullable().describe('Detected → declared'),
  timeToAcknowledgeMs: z.number().nullable().describe('Declared → first commander'),
  timeToMitigateMs: z.number().nullable().describe('Detected → impact stopped'),
  timeToResolveMs: z.number().nullable().describe('Detected → resolved'),
  updateCadenceMinutes: z.number().nullable().describe('Cadence of the severity; null: none expected'),
  updatesPosted: z.number().int().describe('Status updates posted between declaration and resolution'),
  updatesDue: z.number().int().nullable().describe('Updates the cadence asked for over that time'),
  longestSilenceMs: z.number().nullable().describe('Longest stretch without an update while active'),
  cadenceHeld: z.boolean().nullable().describe('True when no silence was longer than the cadence'),
  overdueReminders: z.number().int().describe('Times Firebreak reminded someone an update was overdue'),
  roles: z.array(z.object({ role: z.string(), people: z.array(z.string()) })).describe('Who held which role'),
  source: z.string().describe('How it was found: alert, customer_report or internal'),
});
export type ProcessFigures = z.infer<typeof ProcessFigures>;

export const PostmortemIncident = z.object({
  id: Id,
  number: z.string().describe('e.g. `INC-42`'),
  title: z.string(),
  status: IncidentStatus,
  severity: SeverityRef.nullable(),
  services: z.array(z.object({ id: Id, name: z.string() })),
  private: z.boolean(),
  declaredAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
});
export type PostmortemIncident = z.infer<typeof PostmortemIncident>;

export const PostmortemSummary = z.object({
  id: Id,
  incident: PostmortemIncident,
  title: z.string(),
  status: PostmortemStatus,
  owner: PersonRef.nullable().describe('Who drives it to publication'),
  required: z.boolean().describe('The severity requires a postmortem'),
  dueAt: IsoTime.nullable().describe('When the draft is due for review'),
  publishDueAt: IsoTime.nullable(),
  overdue: z.boolean().describe('Draft past its due time, or in review past the publish due time'),
  reviewMeetingAt: IsoTime.nullable(),
  tags: z.array(z.string()),
  factors: z.array(z.string()).describe('Contributing factor categories'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  submittedAt: IsoTime.nullable(),
  publishedAt: IsoTime.nullable(),
  version: z.number().int().describe('Send back with PATCH; a stale version is refused with 409'),
});
export type PostmortemSummary = z.infer<typeof PostmortemSummary>;

export const PostmortemSection = z.object({
  key: z.string(),
  title: z.string(),
  kind: PostmortemSectionKind,
  prompt: z.string(),
  body: z.string().describe('Markdown'),
  version: z.number().int().describe('Send back when saving; another person’s save in between answers 409'),
  updatedBy: PersonRef.nullable(),
  updatedAt: IsoTime,
  openComments: z.number().int(),
});
export type PostmortemSection = z.infer<typeof PostmortemSection>;

export const PostmortemTimelineEntry = z.object({
  id: Id,
  sourceEntryId: Id.nullable().describe('The incident timeline entry it was copied from; null when added here'),
  kind: z.string(),
  text: z.string(),
  actor: PersonRef.nullable(),
  happenedAt: IsoTime,
  sincePreviousMs: z.number().nullable().describe('Time since the entry before; null for the first'),
  edited: z.boolean().describe('Changed after it was copied from the incident'),
});
export type PostmortemTimelineEntry = z.infer<typeof PostmortemTimelineEntry>;

export const WhyStep = z.strictObject({
  why: z.string().trim().min(1).max(1000).describe('The question, e.g. "Why did checkout fail?"'),
  because: z.string().trim().min(1).max(2000).describe('The answer, which the next step asks about'),
});
export type WhyStep = z.infer<typeof WhyStep>;

export const WhyChain = z.object({
  id: Id,
  problem: z.string().describe('The immediate problem the chain starts from'),
  steps: z.array(z.object({ why: z.string(), because: z.string() })).describe('From the immediate cause down'),
  systemicCause: z.string().nullable().describe('The last answer: the systemic cause'),
  version: z.number().int(),
  updatedBy: PersonRef.nullable(),
  updatedAt: IsoTime,
});
export type WhyChain = z.infer<typeof WhyChain>;

export const ContributingFactor = z.object({ id: Id, category: z.string(), description: z.string() });
export type ContributingFactor = z.infer<typeof ContributingFactor>;

export const Contributor = z.object({
  person: PersonRef,
  reason: z.string().describe('Why invited, e.g. `commander`, `status updates`, `invited`'),
  invitedAt: IsoTime,
  lastContributedAt: IsoTime.nullable(),
});
export type Contributor = z.infer<typeof Contributor>;

export const BlamelessFinding = z.object({
  section: z.string().describe('Section key, or `five_whys` / `timeline`'),
  sentence: z.string(),
  person: z.string(),
  phrase: z.string(),
  question: z.string().describe('The systems-focused question to ask instead'),
});
export type BlamelessFinding = z.infer<typeof BlamelessFinding>;

export const PostmortemDetail = PostmortemSummary.extend({
  templateId: z.string(),
  allowedTransitions: z.array(PostmortemStatus),
  canPublish: z.boolean().describe('Whether the caller may publish it'),
  sections: z.array(PostmortemSection).describe('In template order'),
  timeline: z.array(PostmortemTimelineEntry).describe('Oldest first'),
  fiveWhys: z.array(WhyChain),
  contributingFactors: z.array(ContributingFactor),
  actionItems: z.array(ActionItem),
  contributors: z.array(Contributor),
  figures: ProcessFigures,
  blameless: z.array(BlamelessFinding).describe('Suggestions; they never block anything'),
});
export type PostmortemDetail = z.infer<typeof PostmortemDetail>;

export const CreatePostmortemInput = z.strictObject({
  incidentId: z.string().trim().min(1).max(64).describe('Incident id or number (`INC-42`); it must be resolved'),
  templateId: Id.optional().describe('Defaults to the default template'),
  title: z.string().trim().min(3).max(200).optional().describe('Defaults to "Postmortem: <incident title>"'),
  ownerId: Id.optional().describe('Defaults to the incident commander'),
});
export type CreatePostmortemInput = z.input<typeof CreatePostmortemInput>;

export const UpdatePostmortemInput = z.strictObject({
  version: z.number().int().min(1),
  title: z.string().trim().min(3).max(200).optional(),
  ownerId: Id.nullable().optional(),
  reviewMeetingAt: IsoTime.nullable().optional().describe('When the review meeting takes place'),
  tags: z.array(Tag).max(20).optional(),
});
export type UpdatePostmortemInput = z.input<typeof UpdatePostmortemInput>;

export const ChangePostmortemStatusInput = z.strictObject({ status: PostmortemStatus });
export type ChangePostmortemStatusInput = z.input<typeof ChangePostmortemStatusInput>;

export const SavePostmortemSectionInput = z.strictObject({
  body: Markdown,
  version: z.number().int().min(1).describe('The version you started editing from'),
});
export type SavePostmortemSectionInput = z.input<typeof SavePostmortemSectionInput>;

export const SavedPostmortemSection = z.object({
  section: PostmortemSection,
  blameless: z.array(BlamelessFinding).describe('Suggestions for the saved text; saving never waits on them'),
});
export type SavedPostmortemSection = z.infer<typeof SavedPostmortemSection>;

export const PostmortemTimelineInput = z.strictObject({
  text: z.string().trim().min(1).max(5000),
  happenedAt: IsoTime,
  kind: z.string().trim().min(1).max(40).default('note'),
});
export type PostmortemTimelineInput = z.input<typeof PostmortemTimelineInput>;

export const EditPostmortemTimelineInput = z.strictObject({
  text: z.string().trim().min(1).max(5000).optional(),
  happenedAt: IsoTime.optional(),
});
export type EditPostmortemTimelineInput = z.input<typeof EditPostmortemTimelineInput>;

export const WhyChainInput = z.strictObject({
  problem: z.string().trim().min(1).max(1000).describe('The immediate problem, e.g. "Checkout failed for 40 minutes"'),
  steps: z.array(WhyStep).min(1).max(10).describe('Immediate cause first, systemic cause last'),
});
export type WhyChainInput = z.input<typeof WhyChainInput>;

export const UpdateWhyChainInput = WhyChainInput.extend({ version: z.number().int().min(1) });
export type UpdateWhyChainInput = z.input<typeof UpdateWhyChainInput>;

export const ContributingFactorInput = z.strictObject({
  category: FactorCategory,
  description: z.string().trim().min(1).max(2000),
});
export type ContributingFactorInput = z.input<typeof ContributingFactorInput>;

export const PostmortemComment = z.object({
  id: Id,
  section: z.string(),
  author: PersonRef,
  body: z.string(),
  createdAt: IsoTime,
  resolvedAt: IsoTime.nullable(),
  resolvedBy: PersonRef.nullable(),
});
export type PostmortemComment = z.infer<typeof PostmortemComment>;

export const PostmortemCommentInput = z.strictObject({
  section: PostmortemSectionKey,
  body: z.string().trim().min(1).max(10_000),
});
export type PostmortemCommentInput = z.input<typeof PostmortemCommentInput>;

export const InviteContributorInput = z.strictObject({ userId: Id });
export type InviteContributorInput = z.input<typeof InviteContributorInput>;

export const BlamelessCheckInput = z.strictObject({
  text: z.string().max(100_000).describe('Text to check against the incident’s participants'),
});

export const PostmortemListQuery = PageQuery.extend({
  status: PostmortemStatus.optional(),
  service: z.string().max(64).optional().describe('Affected service id or slug'),
  severity: z.string().max(40).optional().describe('Severity key'),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  factor: z.string().trim().toLowerCase().max(40).optional().describe('Contributing factor category'),
  q: z.string().trim().min(1).max(500).optional().describe('Full-text search (published postmortems are indexed)'),
  owner: z.string().max(64).optional().describe('Owner id, or `me`'),
});
export type PostmortemListQuery = z.input<typeof PostmortemListQuery>;

export const PostmortemExportQuery = z.object({
  format: z.enum(['markdown', 'html']).default('markdown'),
});
