import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';
import { PersonRef } from '../incidents/roles.js';

const Section = z.string().trim().max(10_000);

/** The five parts of a customer-facing incident report, in the order customers read them. */
export const ReportSections = z.strictObject({
  apology: Section.describe('A sincere apology, in one or two sentences'),
  whatHappened: Section.describe('What happened and who was affected, in plain words'),
  rootCause: Section.describe('Why it happened, without jargon or blame'),
  whatWeFixed: Section.describe('What we changed to restore service'),
  prevention: Section.describe('What we will do so it does not happen again'),
});
export type ReportSections = z.infer<typeof ReportSections>;

export const DraftReportInput = z.strictObject({
  postmortem: z
    .string()
    .max(100_000)
    .optional()
    .describe('Postmortem text to draft from, when one exists; the draft is still reviewed by a person'),
});
export type DraftReportInput = z.input<typeof DraftReportInput>;

export const EditReportInput = ReportSections.partial();
export type EditReportInput = z.input<typeof EditReportInput>;

export const REPORT_STATES = ['draft', 'reviewed', 'published'] as const;
export const PublicIncidentReport = ReportSections.extend({
  id: Id,
  publicIncidentId: Id,
  state: z.enum(REPORT_STATES).describe('draft → reviewed (by someone other than the last editor) → published'),
  editedBy: PersonRef.nullable(),
  reviewedBy: PersonRef.nullable(),
  publishedAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type PublicIncidentReport = z.infer<typeof PublicIncidentReport>;
