import { z } from 'zod';

export { viewerOf } from '../incidents/route-helpers.js';

export const PostmortemParams = z.object({
  id: z.string().min(1).max(64).describe('Postmortem id, or its incident’s id or number (`INC-42`)'),
});
export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export { NoContent } from '../../http/route-helpers.js';
