import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../api/client';

/** A page of a list route: `{items, nextCursor}`; pass nextCursor back unchanged for the next page (docs/api.md). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Params = Record<string, string | number | boolean | null | undefined>;

interface CursorListOptions {
  /** Filters (status, q, ...): a change starts over from the first page. */
  params?: Params;
  limit?: number;
  /** Poll the pages already loaded every this many ms. */
  refetchInterval?: number;
  enabled?: boolean;
}

/**
 * Every page of `path` loaded so far, flattened, with `loadMore` for the next one. The query key is
 * ['list', path, params], so invalidateQueries({queryKey: ['list', path]}) refreshes it after a change.
 */
export function useCursorList<T>(
  path: string,
  { params = {}, limit = 20, refetchInterval, enabled }: CursorListOptions = {},
) {
  const query = useInfiniteQuery<Page<T>, Error, InfiniteData<Page<T>>, unknown[], string | null>({
    queryKey: ['list', path, params, limit],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(`${path}${queryString({ ...params, limit, cursor: pageParam })}`, { signal }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval,
    enabled,
  });
  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    loadingMore: query.isFetchingNextPage,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

/** The "load more" button under a list from useCursorList (nothing once the last page is in). */
export function LoadMore({
  list,
}: {
  list: Pick<ReturnType<typeof useCursorList>, 'hasMore' | 'loadMore' | 'loadingMore'>;
}) {
  const { t } = useTranslation('common');
  if (!list.hasMore) return null;
  return (
    <Flex justify="center" style={{ marginTop: 16 }}>
      <Button onClick={list.loadMore} loading={list.loadingMore}>
        {t('list.loadMore')}
      </Button>
    </Flex>
  );
}
