import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { PurchaseDetailPage } from './PurchaseDetailPage';
import { aPurchase, fakeApi, json, renderApp } from '../test/render';
import type { Purchase } from '../api/types';

class FakeEventSource {
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 1;
  onmessage: ((m: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  push(p: Purchase) {
    act(() => this.onmessage?.({ data: JSON.stringify(p) }));
  }
}

const base = aPurchase();

beforeEach(() => {
  FakeEventSource.last = null;
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

describe('purchase detail', () => {
  it('follows the proof live over server-sent events, then offers the ticket', async () => {
    fakeApi({
      'GET /api/purchases/p1': () => json(200, base),
      'GET /api/events/ev1': () => json(200, { id: 'ev1', name: 'Jazz', venue: 'Muelle', startsAt: '2026-12-24T21:00:00Z', price: 12000, capacity: 10, seatsLeft: 8 }),
      'GET /api/wallet': () => json(200, { balance: 0, currency: 'CLP' }),
    });
    renderApp(
      <Routes>
        <Route path="/purchases/:id" element={<PurchaseDetailPage />} />
      </Routes>,
      { path: '/purchases/p1' },
    );
    expect(await screen.findByText('Proving payment: 0 of 3 challenges solved.')).toBeInTheDocument();
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/purchases/p1/events?access_token=token-of-ana');

    source.push({ ...base, solvedChallenges: 2 });
    expect(await screen.findByText('Proving payment: 2 of 3 challenges solved.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '2');

    source.push({ ...base, status: 'PAID', solvedChallenges: 3 });
    expect(await screen.findByText('Payment proven. Your ticket is being prepared…')).toBeInTheDocument();
    expect(source.readyState).not.toBe(FakeEventSource.CLOSED);

    source.push({ ...base, status: 'TICKET_READY', solvedChallenges: 3 });
    expect(await screen.findByRole('button', { name: 'Download ticket (PDF)' })).toBeEnabled();
    expect(screen.getByText('Ticket ready')).toBeInTheDocument();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    expect(await screen.findByRole('heading', { name: 'Jazz' })).toBeInTheDocument();
  });

  it('explains a purchase that is not there', async () => {
    fakeApi({ 'GET /api/purchases/p9': () => json(404, { error: 'not_found', message: 'no such purchase' }) });
    renderApp(
      <Routes>
        <Route path="/purchases/:id" element={<PurchaseDetailPage />} />
      </Routes>,
      { path: '/purchases/p9' },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found: it does not exist, or it is not yours.');
  });
});
