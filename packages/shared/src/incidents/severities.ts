import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const Urgency = z
  .enum(['high', 'low'])
  .describe('high: page at any hour; low: notify during business hours only');
export type Urgency = z.infer<typeof Urgency>;

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

export const Severity = z.object({
  id: Id,
  key: z.string().describe('Stable lower-case key used in the API and CLI, e.g. `sev1`'),
  name: z.string().describe('Display name, e.g. `Sev1`'),
  rank: z.number().int().describe('1 is the most severe; lists sort by it'),
  description: z.string().describe('When to choose this severity'),
  examples: z.array(z.string()).describe('Real-life examples that help people choose'),
  updateCadenceMinutes: Minutes.nullable().describe(
    'A status update is due this often while unresolved; null: none expected',
  ),
  urgency: Urgency,
  upgradeAfterMinutes: Minutes.nullable().describe(
    'Prompt the commander to consider a higher severity when unresolved this long; null: never',
  ),
  postmortemRequired: z.boolean().describe('A postmortem must be written after resolution'),
  publicUpdateExpected: z.boolean().describe('Customers should hear about it on the status page'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Severity = z.infer<typeof Severity>;

/** The bits of a severity an incident list shows. */
export const SeverityRef = z.object({
  key: z.string().describe('Severity key, e.g. `sev2`'),
  name: z.string().describe('Display name'),
  rank: z.number().int().describe('1 is the most severe'),
  urgency: Urgency,
});
export type SeverityRef = z.infer<typeof SeverityRef>;

const SeverityFields = {
  name: z.string().trim().min(1).max(40).describe('Display name, e.g. `Sev1`'),
  rank: z.number().int().min(1).max(99).describe('1 is the most severe'),
  description: z.string().trim().max(2000).describe('When to choose this severity'),
  examples: z.array(z.string().trim().min(1).max(300)).max(20).describe('Real-life examples'),
  updateCadenceMinutes: Minutes.nullable().describe('Minutes between status updates; null: none expected'),
  urgency: Urgency,
  upgradeAfterMinutes: Minutes.nullable().describe('Minutes unresolved before the upgrade prompt; null: never'),
  postmortemRequired: z.boolean().describe('A postmortem is required after resolution'),
  publicUpdateExpected: z.boolean().describe('A public status page update is expected'),
};

export const CreateSeverityInput = z.strictObject({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lower-case letters, digits and dashes, starting with a letter')
    .describe('Stable key, e.g. `sev5`; never changes'),
  ...SeverityFields,
  description: SeverityFields.description.default(''),
  examples: SeverityFields.examples.default([]),
  updateCadenceMinutes: SeverityFields.updateCadenceMinutes.default(null),
  urgency: Urgency.default('low'),
  upgradeAfterMinutes: SeverityFields.upgradeAfterMinutes.default(null),
  postmortemRequired: SeverityFields.postmortemRequired.default(false),
  publicUpdateExpected: SeverityFields.publicUpdateExpected.default(false),
});
export type CreateSeverityInput = z.input<typeof CreateSeverityInput>;

export const UpdateSeverityInput = z.strictObject({
  name: SeverityFields.name.optional(),
  rank: SeverityFields.rank.optional(),
  description: SeverityFields.description.optional(),
  examples: SeverityFields.examples.optional(),
  updateCadenceMinutes: SeverityFields.updateCadenceMinutes.optional(),
  urgency: Urgency.optional(),
  upgradeAfterMinutes: SeverityFields.upgradeAfterMinutes.optional(),
  postmortemRequired: SeverityFields.postmortemRequired.optional(),
  publicUpdateExpected: SeverityFields.publicUpdateExpected.optional(),
});
export type UpdateSeverityInput = z.input<typeof UpdateSeverityInput>;

/** The severity one step more severe than `rank` among `severities` (lowest rank number wins). */
export function nextMoreSevere<T extends { rank: number }>(severities: T[], rank: number): T | null {
  return severities.filter((s) => s.rank < rank).sort((a, b) => b.rank - a.rank)[0] ?? null;
}
