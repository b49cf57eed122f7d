import { z } from 'zod';

/** RFC 9457 problem details, the shape of every error the API returns. */
export const Problem = z.object({
  type: z.string().describe('A URI naming the kind of problem, e.g. `https://firebreak.dev/problems/not_found`'),
  title: z.string().describe('Short human-readable summary of the kind of problem'),
  status: z.number().int().describe('HTTP status code'),
  code: z.string().describe('Stable snake_case error code, e.g. `incident_already_resolved`'),
  detail: z.string().optional().describe('What went wrong this time, written so a person can act on it'),
  instance: z.string().optional().describe('The request path'),
  requestId: z.string().optional().describe('Request id, to find the matching server log line'),
  errors: z
    .array(z.object({ field: z.string().describe('Dotted path of the bad field'), message: z.string() }))
    .optional()
    .describe('One entry per invalid field, for validation errors'),
});
export type Problem = z.infer<typeof Problem>;
