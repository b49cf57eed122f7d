import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { IncidentStatus } from './lifecycle.js';
import { PersonRef, RoleAssignment } from './roles.js';
import { SeverityRef } from './severities.js';

export const INCIDENT_SOURCES = ['alert', 'customer_report', 'internal'] as const;
export const IncidentSource = z
  .enum(INCIDENT_SOURCES)
  .describe('alert: from monitoring; customer_report: someone outside told us; internal: a person noticed');
export type IncidentSource = z.infer<typeof IncidentSource>;

export const ServiceRef = z.object({ id: Id, name: z.string().describe('Service name') });
export type ServiceRef = z.infer<typeof ServiceRef>;

const Title = z.string().trim().min(3).max(200).describe('What is wrong, in a few words');
const Summary = z.string().trim().max(10_000).describe('What we know so far');
const Impact = z.string().trim().max(5000).describe('Who and what is affected');
const UsersAffected = z.number().int().min(0).max(1e12).nullable().describe('Rough count of affected users, if known');

/** A customer report as it came in, for incidents that started in triage. */
export const CustomerReport = z.object({
  customer: z.string().describe('Who reported it, e.g. the customer account or person'),
  observed: z.string().describe('What they saw, in their words'),
});
export type CustomerReport = z.infer<typeof CustomerReport>;

/** An incident as lists show it. */
export const IncidentSummary = z.object({
  id: Id,
  number: z.string().describe('Human number, e.g. `INC-42`'),
  title: z.string(),
  slug: z.string().describe('URL-safe title'),
  channelName: z.string().nullable().describe('Chat channel name `inc-YYYY-MM-DD-slug`; null while in triage'),
  status: IncidentStatus,
  severity: SeverityRef.nullable().describe('Null only while in triage'),
  source: IncidentSource,
  private: z.boolean().describe('Visible only to participants and admins'),
  services: z.array(ServiceRef).describe('Affected services'),
  teamId: Id.nullable().describe('Team the report was routed to (owner of the affected service)'),
  commander: PersonRef.nullable(),
  reporter: PersonRef.nullable(),
  detectedAt: IsoTime.nullable().describe('When the problem was first noticed'),
  declaredAt: IsoTime.nullable().describe('When it was declared an incident; null while in triage'),
  acknowledgedAt: IsoTime.nullable().describe('When someone first took command'),
  mitigatedAt: IsoTime.nullable().describe('When the impact was first stopped (monitoring)'),
  resolvedAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  nextUpdateDueAt: IsoTime.nullable().describe('When the next status update is due; null when none is expected'),
  updateOverdue: z.boolean().describe('True from the due time until an update is posted'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().int().describe('Send back with PATCH; a stale version is refused with 409'),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const TimelineEntry = z.object({
  id: Id,
  incidentId: Id,
  kind: z.string().describe('What happened, e.g. `note`, `status_changed`, `decision`'),
  text: z.string().describe('One readable line (the note itself for notes)'),
  actor: PersonRef.nullable().describe('Who did it; null for the system'),
  happenedAt: IsoTime.describe('When it happened (may be in the past for notes added later)'),
  recordedAt: IsoTime.describe('When it was written down'),
  before: z.unknown().nullable().describe('Value before the change, for changes'),
  after: z.unknown().nullable().describe('Value after the change, for changes'),
  data: z.record(z.string(), z.unknown()).describe('Details depending on the kind'),
  pinned: z.boolean().describe('Pinned entries are shown at the top'),
  retracted: z
    .object({
      at: IsoTime.describe('When it was retracted'),
      by: PersonRef.nullable().describe('Who retracted it; null for the system'),
      reason: z.string().nullable().describe('Why, e.g. "Capture reaction removed in chat"'),
    })
    .nullable()
    .describe('Set on a retracted note (listed only with `includeRetracted=true`); null otherwise'),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const DecisionOption = z.object({
  name: z.string().trim().min(1).max(200).describe('The option, e.g. "Roll back the release"'),
  tradeoffs: z.string().trim().max(2000).default('').describe('What it costs and risks'),
});
export type DecisionOption = z.infer<typeof DecisionOption>;

export const Decision = z.object({
  id: Id,
  incidentId: Id,
  question: z.string(),
  options: z.array(z.object({ name: z.string(), tradeoffs: z.string() })).describe('Options considered'),
  choice: z.string().describe('The option chosen'),
  rationale: z.string().describe('Why'),
  decidedBy: PersonRef,
  decidedAt: IsoTime,
  recordedBy: PersonRef,
  createdAt: IsoTime,
});
export type Decision = z.infer<typeof Decision>;

export const UpdateAudience = z
  .enum(['stakeholders', 'public'])
  .describe('stakeholders: people inside; public: customers');
export type UpdateAudience = z.infer<typeof UpdateAudience>;

export const StatusUpdate = z.object({
  id: Id,
  incidentId: Id,
  audience: UpdateAudience,
  postedAt: IsoTime.describe('The "time" of the update template'),
  currentStatus: z.string().describe('What is happening now'),
  impact: z.string().describe('Scope and users affected'),
  nextUpdateAt: IsoTime.nullable().describe('When the next update will come'),
  postedBy: PersonRef,
});
export type StatusUpdate = z.infer<typeof StatusUpdate>;

/** Everything a person needs on one incident page. */
export const IncidentDetail = IncidentSummary.extend({
  summary: z.string(),
  impact: z.string(),
  usersAffected: UsersAffected,
  report: CustomerReport.nullable().describe('The original customer report, for incidents from triage'),
  declinedReason: z.string().nullable(),
  mergedInto: z.object({ id: Id, number: z.string() }).nullable().describe('Set when merged into another incident'),
  roles: z.array(RoleAssignment).describe('Current role holders'),
  communicationsLead: PersonRef.nullable().describe('Explicit holder, else the commander'),
  allowedTransitions: z.array(IncidentStatus).describe('States the incident may move to next'),
  timeline: z.object({ items: z.array(TimelineEntry), nextCursor: z.string().nullable() }).describe('Newest first'),
  pinned: z.array(TimelineEntry).describe('Pinned timeline entries, oldest first'),
  decisions: z.array(Decision),
  updates: z.array(StatusUpdate).describe('Status updates, newest first'),
  subscriberCount: z.number().int(),
  subscribed: z.boolean().describe('Whether the caller receives stakeholder updates'),
  canManageRoles: z.boolean().describe('Whether the caller may assign and hand over roles'),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const SimilarIncident = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: SeverityRef.nullable(),
  declaredAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
  score: z.number().describe('Higher is more similar'),
});
export type SimilarIncident = z.infer<typeof SimilarIncident>;

export const SimilarQuery = z.object({
  q: z.string().trim().min(1).max(1000).describe('Words to look for in titles, summaries and postmortems'),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  exclude: Id.optional().describe('Incident id to leave out (the one being looked at)'),
});
export type SimilarQuery = z.input<typeof SimilarQuery>;

const ServiceIds = z.array(Id).max(50).describe('Ids (or slugs) of affected services');

export const DeclareIncidentInput = z.strictObject({
  title: Title,
  severity: z.string().trim().min(1).max(40).describe('Severity key, e.g. `sev2`'),
  summary: Summary.default(''),
  impact: Impact.default(''),
  usersAffected: UsersAffected.default(null),
  serviceIds: ServiceIds.default([]),
  source: IncidentSource.default('internal'),
  private: z.boolean().default(false).describe('Visible only to participants and admins'),
  commanderId: Id.optional().describe('Commander; defaults to the person declaring'),
  detectedAt: IsoTime.optional().describe('When the problem was first noticed; defaults to now'),
});
export type DeclareIncidentInput = z.input<typeof DeclareIncidentInput>;

export const DeclaredIncident = z.object({
  incident: IncidentDetail,
  similar: z.array(SimilarIncident).describe('Past incidents that look alike'),
});
export type DeclaredIncident = z.infer<typeof DeclaredIncident>;

export const ReportIncidentInput = z.strictObject({
  title: Title,
  customer: z.string().trim().min(1).max(200).describe('Who reported it'),
  observed: z.string().trim().min(1).max(10_000).describe('What they saw'),
  serviceIds: ServiceIds.min(1, 'name at least one affected service, so the report reaches its owners'),
  impact: Impact.default(''),
  usersAffected: UsersAffected.default(null),
  source: IncidentSource.default('customer_report'),
  private: z.boolean().default(false),
  detectedAt: IsoTime.optional(),
});
export type ReportIncidentInput = z.input<typeof ReportIncidentInput>;

export const UpdateIncidentInput = z.strictObject({
  version: z.number().int().min(1).describe('The version you read; a stale one is refused with 409'),
  title: Title.optional(),
  summary: Summary.optional(),
  impact: Impact.optional(),
  usersAffected: UsersAffected.optional(),
  serviceIds: ServiceIds.optional(),
  private: z.boolean().optional(),
  detectedAt: IsoTime.optional(),
});
export type UpdateIncidentInput = z.input<typeof UpdateIncidentInput>;

export const ChangeStatusInput = z.strictObject({
  status: IncidentStatus,
  reason: z.string().trim().max(2000).optional().describe('Why; required to decline'),
});
export type ChangeStatusInput = z.input<typeof ChangeStatusInput>;

export const ChangeSeverityInput = z.strictObject({
  severity: z.string().trim().min(1).max(40).describe('Severity key'),
  reason: z.string().trim().min(1).max(2000).describe('Why the severity changes'),
});
export type ChangeSeverityInput = z.input<typeof ChangeSeverityInput>;

export const AcceptTriageInput = z.strictObject({
  severity: z.string().trim().min(1).max(40).describe('Severity key'),
  commanderId: Id.optional().describe('Commander; defaults to the person accepting'),
  title: Title.optional().describe('A better title, if the report needs one'),
});
export type AcceptTriageInput = z.input<typeof AcceptTriageInput>;

export const DeclineTriageInput = z.strictObject({
  reason: z.string().trim().min(1).max(2000).describe('Why this is not an incident'),
});
export type DeclineTriageInput = z.input<typeof DeclineTriageInput>;

export const MergeIncidentInput = z.strictObject({
  into: z.string().trim().min(1).max(64).describe('Id or number (`INC-42`) of the open incident to merge into'),
  reason: z.string().trim().max(2000).optional(),
});
export type MergeIncidentInput = z.input<typeof MergeIncidentInput>;

const Flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

const CsvList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item))
    .optional();

export const IncidentListQuery = PageQuery.extend({
  status: CsvList(IncidentStatus).describe('Comma-separated statuses, e.g. `investigating,identified`'),
  severity: CsvList(z.string().max(40)).describe('Comma-separated severity keys'),
  service: z.string().max(64).optional().describe('Affected service id or slug'),
  team: z.string().max(64).optional().describe('Team id the report was routed to, or `mine` for your teams'),
  mine: Flag.describe('Only incidents where you hold a role, reported or subscribed'),
  text: z.string().trim().min(1).max(500).optional().describe('Full-text search over titles and summaries'),
});
export type IncidentListQuery = z.input<typeof IncidentListQuery>;

export const IncidentCounts = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()).describe('Count per status'),
  bySeverity: z.record(z.string(), z.number().int()).describe('Open incidents per severity key'),
  open: z.number().int().describe('Triage and active incidents'),
  updateOverdue: z.number().int().describe('Active incidents whose status update is overdue'),
});
export type IncidentCounts = z.infer<typeof IncidentCounts>;

export const TimelineQuery = PageQuery.extend({
  order: z.enum(['desc', 'asc']).default('desc').describe('desc: newest first; asc: oldest first'),
  kind: CsvList(z.string().max(40)).describe('Comma-separated kinds to include'),
  pinned: Flag.describe('Only pinned entries'),
  includeRetracted: Flag.describe('Also list retracted notes (flagged with `retracted`), for audit'),
});
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const AddNoteInput = z.strictObject({
  text: z.string().trim().min(1).max(10_000).describe('The note'),
  happenedAt: IsoTime.optional().describe('When it happened, for things noted after the fact; defaults to now'),
});
export type AddNoteInput = z.input<typeof AddNoteInput>;

export const RetractTimelineEntryInput = z.strictObject({
  reason: z.string().trim().max(500).optional().describe('Why the note is withdrawn, e.g. "Wrong incident"'),
});
export type RetractTimelineEntryInput = z.input<typeof RetractTimelineEntryInput>;

export const RecordDecisionInput = z.strictObject({
  question: z.string().trim().min(1).max(1000).describe('What had to be decided'),
  options: z.array(DecisionOption).min(1).max(10).describe('The options considered, with their trade-offs'),
  choice: z.string().trim().min(1).max(200).describe('Name of the option chosen'),
  rationale: z.string().trim().max(5000).default('').describe('Why this option'),
  decidedBy: Id.optional().describe('Who decided; defaults to you'),
  decidedAt: IsoTime.optional().describe('When; defaults to now'),
});
export type RecordDecisionInput = z.input<typeof RecordDecisionInput>;

export const PostStatusUpdateInput = z.strictObject({
  audience: UpdateAudience.default('stakeholders'),
  currentStatus: z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .describe('What is happening now, e.g. "Root cause identified; rolling back"'),
  impact: z
    .string()
    .trim()
    .max(5000)
    .optional()
    .describe("Scope and users affected; defaults to the incident's impact"),
  nextUpdateAt: IsoTime.optional().describe("When the next update will come; defaults to the severity's cadence"),
});
export type PostStatusUpdateInput = z.input<typeof PostStatusUpdateInput>;

export const Subscriber = z.object({
  person: PersonRef,
  addedBy: PersonRef.nullable(),
  createdAt: IsoTime,
});
export type Subscriber = z.infer<typeof Subscriber>;

export const AddSubscriberInput = z.strictObject({
  userId: Id.optional().describe('Who receives stakeholder updates; defaults to you'),
});
export type AddSubscriberInput = z.input<typeof AddSubscriberInput>;

/** Server-Sent Event data: something about this incident changed; re-read what you show. */
export const IncidentChangedEvent = z.object({
  incident: IncidentSummary,
});
export type IncidentChangedEvent = z.infer<typeof IncidentChangedEvent>;
