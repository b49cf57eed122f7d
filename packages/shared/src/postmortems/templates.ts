import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

/**
 * What a section holds besides its Markdown text. Structured kinds render their records (timeline
 * rows, why-chains, factors, action items) and keep the Markdown for notes; `process` is pre-filled
 * with the figures of the incident.
 */
export const POSTMORTEM_SECTION_KINDS = [
  'text',
  'timeline',
  'five_whys',
  'contributing_factors',
  'process',
  'action_items',
] as const;
export const PostmortemSectionKind = z
  .enum(POSTMORTEM_SECTION_KINDS)
  .describe('text, or a section with structured records');
export type PostmortemSectionKind = z.infer<typeof PostmortemSectionKind>;

export const PostmortemSectionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and underscores, starting with a letter')
  .describe('Stable key of the section, e.g. `impact`');

export const PostmortemTemplateSection = z.strictObject({
  key: PostmortemSectionKey,
  title: z.string().trim().min(1).max(120).describe('Heading'),
  kind: PostmortemSectionKind.default('text'),
  prompt: z.string().trim().max(2000).default('').describe('What to write here, shown to authors'),
});
export type PostmortemTemplateSection = z.output<typeof PostmortemTemplateSection>;

export const BUILT_IN_TEMPLATE_ID = 'default';

/** The template every postmortem uses unless an admin made another one the default. */
export const DEFAULT_TEMPLATE_SECTIONS: PostmortemTemplateSection[] = [
  {
    key: 'introduction',
    title: 'Introduction',
    kind: 'text',
    prompt: 'What happened, how we found out, and how it was resolved.',
  },
  { key: 'impact', title: 'Impact', kind: 'text', prompt: 'Who was affected, how badly and for how long.' },
  {
    key: 'timeline',
    title: 'Timeline',
    kind: 'timeline',
    prompt:
      'What happened when, and how long each step took. Edit freely: the incident’s own timeline stays as it was.',
  },
  {
    key: 'five_whys',
    title: 'Five whys',
    kind: 'five_whys',
    prompt: 'Start from the immediate cause and ask "why?" until you reach a systemic cause. Several chains are fine.',
  },
  {
    key: 'contributing_factors',
    title: 'Contributing factors',
    kind: 'contributing_factors',
    prompt: 'Conditions that made the incident possible or worse (deployment, monitoring, capacity, dependencies…).',
  },
  { key: 'went_well', title: 'What went well', kind: 'text', prompt: 'What helped: keep doing it.' },
  { key: 'went_badly', title: 'What went badly', kind: 'text', prompt: 'What hurt or slowed us down.' },
  {
    key: 'incident_process',
    title: 'How our incident process worked',
    kind: 'process',
    prompt: 'Detection, roles, and whether the update cadence held. The figures come from the incident.',
  },
  {
    key: 'action_items',
    title: 'Action items',
    kind: 'action_items',
    prompt: 'Immediate and long-term actions, each with an owner and a due date.',
  },
];

const Sections = z
  .array(PostmortemTemplateSection)
  .min(1)
  .max(30)
  .refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'section keys must be unique');

export const PostmortemTemplate = z.object({
  id: Id.describe('`default` for the built-in template'),
  name: z.string(),
  description: z.string(),
  sections: z.array(z.object({ key: z.string(), title: z.string(), kind: PostmortemSectionKind, prompt: z.string() })),
  isDefault: z.boolean().describe('New postmortems use this template unless another is chosen'),
  builtIn: z.boolean().describe('The built-in template cannot be changed or deleted'),
  createdAt: IsoTime.nullable(),
  updatedAt: IsoTime.nullable(),
});
export type PostmortemTemplate = z.infer<typeof PostmortemTemplate>;

export const CreatePostmortemTemplateInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  sections: Sections,
  isDefault: z.boolean().default(false).describe('Make it the template new postmortems use'),
});
export type CreatePostmortemTemplateInput = z.input<typeof CreatePostmortemTemplateInput>;

export const UpdatePostmortemTemplateInput = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  sections: Sections.optional().describe('Existing postmortems keep the sections they were created with'),
  isDefault: z.boolean().optional(),
});
export type UpdatePostmortemTemplateInput = z.input<typeof UpdatePostmortemTemplateInput>;

/** Due dates per severity, in working days (Monday–Friday in the organisation's time zone) after resolution. */
export const PostmortemDueRule = z.object({
  severity: z.string().describe('Severity key'),
  postmortemRequired: z.boolean().describe('From the severity settings'),
  draftDueWorkingDays: z
    .number()
    .int()
    .nullable()
    .describe('The draft must be ready for review this many working days after resolution; null: no due date'),
  publishDueWorkingDays: z.number().int().nullable().describe('Published this many working days after resolution'),
  isDefault: z.boolean().describe('True when no rule was set and the default applies'),
});
export type PostmortemDueRule = z.infer<typeof PostmortemDueRule>;

export const SetPostmortemDueRuleInput = z.strictObject({
  draftDueWorkingDays: z.number().int().min(1).max(60).nullable(),
  publishDueWorkingDays: z.number().int().min(1).max(120).nullable(),
});
export type SetPostmortemDueRuleInput = z.input<typeof SetPostmortemDueRuleInput>;

/** Working days for a draft when no rule is set for a severity that requires a postmortem. */
export const DEFAULT_DRAFT_DUE_WORKING_DAYS = 2;
