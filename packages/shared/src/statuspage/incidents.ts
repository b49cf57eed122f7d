import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { ComponentStatus } from './components.js';

/** A public incident's status, as Statuspage names them. */
export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const PublicIncidentStatus = z.enum(PUBLIC_INCIDENT_STATUSES).describe('What customers are told we are doing');
export type PublicIncidentStatus = z.infer<typeof PublicIncidentStatus>;

/** A scheduled maintenance's status, as Statuspage names them (plus cancelled). */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export const MaintenanceStatus = z.enum(MAINTENANCE_STATUSES);
export type MaintenanceStatus = z.infer<typeof MaintenanceStatus>;

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const IncidentImpact = z
  .enum(INCIDENT_IMPACTS)
  .describe('none, minor (yellow), major (orange) or critical (red), as Statuspage names them');
export type IncidentImpact = z.infer<typeof IncidentImpact>;

const Body = z.string().trim().min(1).max(5000).describe('Plain language for customers; no internal detail');

export const AffectedComponent = z.object({
  componentId: Id,
  status: ComponentStatus.describe('Status the component shows while this incident lasts'),
});
export type AffectedComponent = z.infer<typeof AffectedComponent>;

/** Each component at most once: two statuses for one component would contradict each other. */
const AffectedComponents = z
  .array(AffectedComponent)
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item.componentId)) {
        ctx.addIssue({ code: 'custom', path: [i, 'componentId'], message: 'this component is listed twice' });
      }
      seen.add(item.componentId);
    }
  });

export const PublishIncidentInput = z.strictObject({
  incidentId: z.string().min(1).max(64).describe('The internal incident (id or number, e.g. INC-42) this is about'),
  name: z.string().trim().min(3).max(200).describe('Title customers see; defaults to nothing internal'),
  body: Body.describe('The first public update'),
  status: PublicIncidentStatus.exclude(['resolved']).default('investigating'),
  impact: IncidentImpact.default('minor'),
  components: AffectedComponents.default([]),
});
export type PublishIncidentInput = z.input<typeof PublishIncidentInput>;

export const PublicUpdateInput = z.strictObject({
  body: Body,
  status: PublicIncidentStatus.exclude(['resolved']).optional().describe('Defaults to the current status'),
  impact: IncidentImpact.optional(),
  components: AffectedComponents.optional().describe('New statuses of affected components'),
  nextUpdateAt: IsoTime.optional().describe('When customers can expect the next update'),
});
export type PublicUpdateInput = z.input<typeof PublicUpdateInput>;

export const ResolvePublicIncidentInput = z.strictObject({
  body: Body.default('This incident has been resolved.'),
  confirm: z
    .boolean()
    .default(false)
    .describe('Must be true: resolving sets every affected component back to operational on the public page'),
});
export type ResolvePublicIncidentInput = z.input<typeof ResolvePublicIncidentInput>;

export const ComponentChange = z.object({
  componentId: Id,
  name: z.string(),
  oldStatus: ComponentStatus,
  newStatus: ComponentStatus,
});
export type ComponentChange = z.infer<typeof ComponentChange>;

export const PublicUpdate = z.object({
  id: Id,
  status: z.string().describe('Incident or maintenance status this update set'),
  body: z.string(),
  componentChanges: z.array(ComponentChange),
  createdAt: IsoTime,
});
export type PublicUpdate = z.infer<typeof PublicUpdate>;

export const PublicIncident = z.object({
  id: Id,
  kind: z.enum(['incident', 'maintenance']),
  incidentId: Id.nullable().describe('The internal incident; null for maintenance'),
  name: z.string(),
  status: z.string().describe('PublicIncidentStatus for incidents, MaintenanceStatus for maintenance'),
  impact: z.string(),
  components: z.array(AffectedComponent),
  serviceIds: z.array(Id).describe('Maintenance only: services whose alerts are recorded, not paged, while it runs'),
  scheduledFor: IsoTime.nullable(),
  scheduledUntil: IsoTime.nullable(),
  startedAt: IsoTime,
  monitoringAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
  updates: z.array(PublicUpdate).describe('Newest first'),
  url: z.string().describe('Its public page'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type PublicIncident = z.infer<typeof PublicIncident>;

/** What a change would do, without doing it. */
export const PublicUpdatePreview = z.object({
  html: z.string().describe('The update as the public page will show it'),
  text: z.string().describe('The update as email subscribers will read it'),
  componentChanges: z.array(ComponentChange),
  subscribers: z.number().int().describe('How many subscribers would be notified'),
});
export type PublicUpdatePreview = z.infer<typeof PublicUpdatePreview>;

export const MaintenanceInput = z.strictObject({
  name: z.string().trim().min(3).max(200),
  body: Body.describe('What will happen and what customers will notice'),
  scheduledFor: IsoTime.describe('Start; the maintenance starts by itself then'),
  scheduledUntil: IsoTime.describe('End; it completes by itself then'),
  componentIds: z.array(Id).max(100).default([]),
  serviceIds: z.array(Id).max(100).default([]).describe('Services whose alerts are recorded, not paged, while it runs'),
});
export type MaintenanceInput = z.input<typeof MaintenanceInput>;

export const MaintenanceUpdateInput = z.strictObject({
  status: z.enum(['in_progress', 'verifying', 'completed', 'cancelled']).optional(),
  body: Body,
});
export type MaintenanceUpdateInput = z.input<typeof MaintenanceUpdateInput>;
