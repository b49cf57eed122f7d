import type { Page } from '@firebreak/shared';
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client.js';

type Filters = Record<string, string | number | boolean | undefined>;

/**
 * A paged list endpoint (`{ items, nextCursor }`) as one growing array with a `loadMore`.
 *
 * @example
 * const services = usePagedList<Service>(['services'], '/api/v1/services');
 */
export function usePagedList<T>(key: QueryKey, path: string, limit = 100, filters: Filters = {}) {
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...filters, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...list, items: list.data?.pages.flatMap((p) => p.items) ?? [] };
}
