interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/** The next page of a list, on demand. */
export function LoadMore({ list, label }: { list: Pager; label: string }) {
  if (!list.hasNextPage) return null;
  return (
    <button type="button" className="button secondary load-more" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
      {list.isFetchingNextPage ? 'Loading…' : label}
    </button>
  );
}
