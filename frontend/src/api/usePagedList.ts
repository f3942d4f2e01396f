import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { pageQuery, request } from './client';
import type { Page } from './types';

/** A keyset-paged list of the API (`?limit=&before=` → `{items, next}`), pages joined. */
export function usePagedList<T>(queryKey: QueryKey, path: string, limit: number, token: string | null = null, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => request<Page<T>>(`${path}?${pageQuery(limit, pageParam)}`, { token, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
