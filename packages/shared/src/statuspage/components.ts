import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

/**
 * A component's state, as Atlassian Statuspage names them, so aggregators read ours unchanged.
 * Ordered from best to worst: `worstComponentStatus` picks the later one.
 */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export const ComponentStatus = z
  .enum(COMPONENT_STATUSES)
  .describe('operational, under_maintenance, degraded_performance, partial_outage or major_outage');
export type ComponentStatus = z.infer<typeof ComponentStatus>;

/** The worse of the given statuses (operational when there are none). */
export function worstComponentStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}

/** What people read next to each status. */
export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

const Name = z.string().trim().min(1).max(120).describe('Name customers see, e.g. "Checkout"');
const Description = z.string().trim().max(1000).describe('One line customers see under the name');

export const ComponentGroup = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  position: z.number().int().describe('Order on the page, smallest first'),
  componentIds: z.array(Id).describe('Components in this group, in page order'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ComponentGroup = z.infer<typeof ComponentGroup>;

export const ComponentGroupInput = z.strictObject({
  name: Name,
  description: Description.default(''),
  position: z.number().int().min(0).max(10_000).optional().describe('Order on the page; defaults to last'),
});
export type ComponentGroupInput = z.input<typeof ComponentGroupInput>;
export const UpdateComponentGroupInput = ComponentGroupInput.partial();
export type UpdateComponentGroupInput = z.input<typeof UpdateComponentGroupInput>;

export const StatusComponent = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  groupId: Id.nullable().describe('The group it is shown in; null for a top-level component'),
  position: z.number().int(),
  status: ComponentStatus,
  showcase: z.boolean().describe('Shown on the page (false hides it from the page, not from the API)'),
  onlyShowIfDegraded: z.boolean().describe('Hidden from the page while operational'),
  serviceIds: z.array(Id).describe('Directory services behind this component (maintenance silences their alerts)'),
  startDate: z.string().nullable().describe('YYYY-MM-DD from which uptime is counted; null: since it was created'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type StatusComponent = z.infer<typeof StatusComponent>;

export const StatusComponentInput = z.strictObject({
  name: Name,
  description: Description.default(''),
  groupId: Id.nullable().default(null).describe('Group to show it in; null for none'),
  position: z.number().int().min(0).max(10_000).optional().describe('Order within its group; defaults to last'),
  showcase: z.boolean().default(true),
  onlyShowIfDegraded: z.boolean().default(false),
  serviceIds: z.array(Id).max(50).default([]),
  startDate: z.iso.date().nullable().default(null).describe('YYYY-MM-DD from which uptime is counted'),
});
export type StatusComponentInput = z.input<typeof StatusComponentInput>;

export const UpdateStatusComponentInput = z.strictObject({
  name: Name.optional(),
  description: Description.optional(),
  groupId: Id.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  showcase: z.boolean().optional(),
  onlyShowIfDegraded: z.boolean().optional(),
  serviceIds: z.array(Id).max(50).optional(),
  startDate: z.iso.date().nullable().optional(),
  status: ComponentStatus.optional().describe('Set by hand, outside any incident (recorded in its history)'),
});
export type UpdateStatusComponentInput = z.input<typeof UpdateStatusComponentInput>;
