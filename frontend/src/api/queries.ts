import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthContext';
import { DEFAULT_CURRENCY } from '../config';
import { request } from './client';
import type { TicketEvent, Wallet, WorkerStatus } from './types';

export const keys = {
  wallet: ['wallet'] as const,
  entries: ['wallet', 'entries'] as const,
  events: ['events'] as const,
  event: (id: string) => ['event', id] as const,
  purchases: ['purchases'] as const,
  purchase: (id: string) => ['purchase', id] as const,
  workers: ['workers'] as const,
};

export function useWallet() {
  const { token } = useAuth();
  return useQuery({
    queryKey: keys.wallet,
    queryFn: ({ signal }) => request<Wallet>('/api/wallet', { token, signal }),
    enabled: Boolean(token),
  });
}

/** The wallet's currency once known; before that (or signed out) the build's default. */
export function useCurrency(): string {
  return useWallet().data?.currency ?? DEFAULT_CURRENCY;
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: keys.event(id ?? ''),
    queryFn: ({ signal }) => request<TicketEvent>(`/api/events/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export const WORKER_POLL_MS = 3000;

export function useWorkerStatus() {
  return useQuery({
    queryKey: keys.workers,
    queryFn: ({ signal }) => request<WorkerStatus>('/api/workers/status', { signal }),
    refetchInterval: WORKER_POLL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
}
