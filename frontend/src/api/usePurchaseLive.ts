import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, request } from './client';
import { keys } from './queries';
import type { Purchase } from './types';
import { isFinal } from '../components/StatusBadge';

const POLL_MS = 2000;

/**
 * A purchase kept current by its server-sent events (`?access_token=`, since EventSource cannot
 * send headers). The server ends the stream at a final status; the client then closes it so
 * EventSource does not reconnect. If the stream fails for good, it falls back to polling.
 */
export function usePurchaseLive(id: string, token: string | null) {
  const queryClient = useQueryClient();
  const [streamFailed, setStreamFailed] = useState(false);
  const query = useQuery({
    queryKey: keys.purchase(id),
    queryFn: ({ signal }) => request<Purchase>(`/api/purchases/${encodeURIComponent(id)}`, { token, signal }),
    enabled: Boolean(token),
    refetchInterval: (q) => (streamFailed && q.state.data && !isFinal(q.state.data.status) ? POLL_MS : false),
  });
  const status = query.data?.status;
  const done = status !== undefined && isFinal(status);

  useEffect(() => {
    if (!token || done || typeof EventSource === 'undefined') return;
    const source = new EventSource(apiUrl(`/api/purchases/${encodeURIComponent(id)}/events?access_token=${encodeURIComponent(token)}`));
    source.onmessage = (message) => {
      try {
        const purchase = JSON.parse(message.data) as Purchase;
        setStreamFailed(false);
        queryClient.setQueryData(keys.purchase(id), purchase);
        if (isFinal(purchase.status)) {
          source.close();
          void queryClient.invalidateQueries({ queryKey: keys.purchases });
          void queryClient.invalidateQueries({ queryKey: keys.wallet });
        }
      } catch {
        // a line that is not a purchase: ignore it, the next event carries the whole state
      }
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setStreamFailed(true);
    };
    return () => source.close();
  }, [id, token, done, queryClient]);

  return { ...query, live: !done && !streamFailed };
}
