import { z } from 'zod';

/** Query parameters every list endpoint accepts. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Maximum number of items to return'),
  cursor: z.string().optional().describe("Opaque cursor from a previous page's `nextCursor`"),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A page of results; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null when there is none'),
  });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

export const IsoTime = z.iso.datetime({ offset: true }).describe('ISO-8601 time');
export const Id = z.string().min(1).max(64).describe('Identifier');
