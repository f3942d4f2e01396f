import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { vi } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import type { Purchase, Session } from '../api/types';

export const CUSTOMER: Session = {
  token: 'token-of-ana',
  user: { id: 'u1', email: 'ana@example.com', name: 'Ana', role: 'customer' },
};

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function apiError(status: number, error: string, message = error): Response {
  return json(status, { error, message });
}

/**
 * Replaces fetch with a fake API: `routes` maps "METHOD /path" (query left off) to a handler.
 * `/api/me` answers the signed-in user unless routed. Every call is recorded.
 */
export function fakeApi(routes: Record<string, Handler>, session: Session | null = CUSTOMER) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    if (handler) return handler(call);
    if (call.path === '/api/me' && session) return json(200, session.user);
    return apiError(404, 'not_found', `no fake for ${call.method} ${call.path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

function Where() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
}

/** Renders `ui` at `path` with the app's providers, signed in as `session`. */
export function renderApp(ui: ReactElement, { path = '/', session = CUSTOMER as Session | null } = {}) {
  if (session) localStorage.setItem('tixproof.session', JSON.stringify(session));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    client,
    ...render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>
            <Routes>
              <Route path="*" element={<>{ui}<Where /></>} />
            </Routes>
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}

/** A promise with its resolve exposed, to hold a fake answer until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A purchase of 2 tickets for event ev1, still being proven; `overrides` change any field. */
export function aPurchase(overrides: Partial<Purchase> = {}): Purchase {
  return {
    id: 'p1',
    eventId: 'ev1',
    quantity: 2,
    amount: 24000,
    status: 'AWAITING_PROOF',
    depositToken: 'd1',
    challenges: [],
    solvedChallenges: 0,
    totalChallenges: 3,
    createdAt: '2026-11-24T10:00:00Z',
    updatedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}
