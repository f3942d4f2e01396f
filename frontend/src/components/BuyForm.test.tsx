import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BuyForm, parseQuantity } from './BuyForm';
import { aPurchase, apiError, deferred, fakeApi, json, renderApp } from '../test/render';
import type { TicketEvent } from '../api/types';

const EVENT: TicketEvent = {
  id: 'ev1',
  name: 'Jazz at the Harbour',
  venue: 'Muelle Prat',
  startsAt: '2026-12-24T21:00:00Z',
  price: 12000,
  capacity: 100,
  seatsLeft: 4,
};

const purchase = (quantity: number) => aPurchase({ quantity, amount: quantity * EVENT.price });

async function setQuantity(value: string) {
  const field = screen.getByLabelText('Tickets');
  await userEvent.clear(field);
  if (value) await userEvent.type(field, value);
}

describe('parseQuantity', () => {
  it('takes 1 to 10, and no more than the seats left', () => {
    expect(parseQuantity('2', 4)).toEqual({ ok: true, quantity: 2 });
    expect(parseQuantity('0', 4)).toEqual({ ok: false, reason: 'Buy at least 1 ticket.' });
    expect(parseQuantity('11', 40)).toEqual({ ok: false, reason: 'At most 10 tickets per purchase.' });
    expect(parseQuantity('5', 4)).toEqual({ ok: false, reason: 'Only 4 seats are left.' });
    expect(parseQuantity('2', 1)).toEqual({ ok: false, reason: 'Only 1 seat is left.' });
    expect(parseQuantity('1.5', 4)).toEqual({ ok: false, reason: 'Enter how many tickets, as a whole number.' });
    expect(parseQuantity('', 4)).toEqual({ ok: false, reason: 'Enter how many tickets, as a whole number.' });
  });
});

describe('buy form', () => {
  it('shows the total on the button', async () => {
    fakeApi({});
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    await setQuantity('3');
    expect(screen.getByRole('button', { name: /^Buy · .*36.000/ })).toBeEnabled();
  });

  it('refuses more than the seats left next to the quantity and sends nothing', async () => {
    const api = fakeApi({});
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    await setQuantity('5');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    expect(screen.getByLabelText('Tickets')).toHaveAccessibleDescription('Only 4 seats are left.');
    expect(api.callsTo('POST', '/api/purchases')).toHaveLength(0);
  });

  it('buys with an Idempotency-Key and opens the purchase', async () => {
    const api = fakeApi({ 'POST /api/purchases': () => json(202, purchase(2)) });
    renderApp(<BuyForm event={EVENT} currency="CLP" />, { path: '/events' });
    await setQuantity('2');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/purchases/p1'));
    const [call] = api.callsTo('POST', '/api/purchases');
    expect(call.body).toEqual({ eventId: 'ev1', quantity: 2 });
    expect(call.headers['idempotency-key']).toBeTruthy();
  });

  it('says insufficient funds next to the button, with a way to top up', async () => {
    fakeApi({ 'POST /api/purchases': () => apiError(409, 'insufficient_funds', 'balance 5000 is less than 24000') });
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    await setQuantity('2');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Insufficient funds: your wallet balance is too low for this purchase.');
    expect(screen.getByRole('link', { name: 'Top up your wallet' })).toHaveAttribute('href', '/wallet');
  });

  it('says sold out', async () => {
    fakeApi({ 'POST /api/purchases': () => apiError(409, 'sold_out') });
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sold out: there are not enough seats left');
  });

  it('sends a double click once', async () => {
    const answer = deferred<Response>();
    const api = fakeApi({ 'POST /api/purchases': () => answer.promise });
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    const button = screen.getByRole('button', { name: /^Buy/ });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Buying…' })).toBeDisabled());
    expect(api.callsTo('POST', '/api/purchases')).toHaveLength(1);
    answer.resolve(json(202, purchase(1)));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/purchases/p1'));
  });

  it('retries a refused purchase with the same key, but a new quantity gets a new key', async () => {
    const api = fakeApi({ 'POST /api/purchases': () => apiError(409, 'insufficient_funds') });
    renderApp(<BuyForm event={EVENT} currency="CLP" />);
    await setQuantity('2');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    await screen.findByRole('alert');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    await waitFor(() => expect(api.callsTo('POST', '/api/purchases')).toHaveLength(2));
    await setQuantity('3');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    await waitFor(() => expect(api.callsTo('POST', '/api/purchases')).toHaveLength(3));
    const [first, retry, other] = api.callsTo('POST', '/api/purchases').map((c) => c.headers['idempotency-key']);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });

  it('asks a signed-out visitor to log in instead', () => {
    fakeApi({}, null);
    renderApp(<BuyForm event={EVENT} currency="CLP" />, { session: null, path: '/events' });
    expect(screen.getByRole('link', { name: 'Log in to buy' })).toHaveAttribute('href', '/login?next=%2Fevents');
  });

  it('shows a sold-out event without a buy button', () => {
    fakeApi({});
    renderApp(<BuyForm event={{ ...EVENT, seatsLeft: 0 }} currency="CLP" />);
    expect(screen.getByText('Sold out')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
