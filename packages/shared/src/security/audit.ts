import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';

/** One change a person or API token made through the API. Never holds request bodies. */
export const AuditEntry = z.object({
  seq: z.number().int().describe('Position in the hash chain, from 1'),
  at: IsoTime.describe('When the change was answered'),
  actor: z.object({
    userId: Id.describe('The person (or the owner of the token) who made the change'),
    name: z.string().describe('Their name at the time'),
    via: z.enum(['session', 'token']).describe('Signed in through the web UI, or an API token'),
    tokenId: Id.nullable().describe('The API token used, if any'),
  }),
  ip: z.string().describe('Client address, as seen through the trusted proxies'),
  userAgent: z.string().describe('The client’s User-Agent header'),
  method: z.string().describe('HTTP method'),
  route: z.string().describe('Route pattern, e.g. /api/v1/incidents/:id/status'),
  params: z.record(z.string(), z.string()).describe('Path parameters of the request'),
  resourceIds: z
    .record(z.string(), z.string())
    .describe('Ids of the resources the answer named (e.g. a created incident)'),
  status: z.number().int().describe('HTTP status of the answer'),
  requestId: z.string().describe('Request id, as in the logs and the x-request-id header'),
  hash: z.string().describe('sha256 of the previous entry’s hash and this entry’s content'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  actor: Id.optional().describe('Only changes by this person (user id)'),
  since: IsoTime.optional().describe('Only changes at or after this time'),
  until: IsoTime.optional().describe('Only changes before this time'),
  route: z
    .string()
    .max(300)
    .optional()
    .describe('Only this route pattern; a trailing * matches a prefix, e.g. /api/v1/incidents*'),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditVerification = z.object({
  ok: z.boolean().describe('True when every entry matches its hash and follows the one before'),
  entries: z.number().int().describe('Entries checked'),
  headHash: z.string().nullable().describe('Hash of the last entry; record it elsewhere to detect a truncated log'),
  broken: z
    .object({
      seq: z.number().int().describe('The first entry that does not verify'),
      reason: z.string().describe('Why it does not verify'),
    })
    .nullable()
    .describe('The first broken entry, or null'),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
