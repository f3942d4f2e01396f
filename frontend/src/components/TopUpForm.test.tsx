import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TopUpForm } from './TopUpForm';
import { apiError, deferred, fakeApi, json, renderApp } from '../test/render';

const entry = (amount: number) => ({ id: 'e1', kind: 'TOP_UP', amount, balanceAfter: amount, createdAt: '2026-11-24T10:00:00Z' });

describe('top-up form', () => {
  it.each([
    ['0', /more than zero/],
    ['-100', /more than zero/],
    ['12.5', /whole number of CLP/],
    ['ten', /whole number of CLP/],
  ])('refuses the bad amount %j next to the field and sends nothing', async (input, reason) => {
    const api = fakeApi({});
    renderApp(<TopUpForm currency="CLP" />);
    await userEvent.type(screen.getByLabelText('Amount (CLP)'), input);
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    expect(screen.getByLabelText('Amount (CLP)')).toHaveAccessibleDescription(reason);
    expect(api.callsTo('POST', '/api/wallet/top-ups')).toHaveLength(0);
  });

  it('refuses an empty amount', async () => {
    fakeApi({});
    renderApp(<TopUpForm currency="CLP" />);
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter an amount.');
  });

  it('shows the server’s refusal of an amount as a bad amount, next to the field', async () => {
    fakeApi({ 'POST /api/wallet/top-ups': () => apiError(400, 'invalid_request', 'amount must be between 1 and 10000000') });
    renderApp(<TopUpForm currency="CLP" />);
    await userEvent.type(screen.getByLabelText('Amount (CLP)'), '99999999');
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Amount (CLP)')).toHaveAccessibleDescription(
        'Bad amount: the server refused it (amount must be between 1 and 10000000).',
      ),
    );
  });

  it('adds money with an Idempotency-Key and says the new balance', async () => {
    const api = fakeApi({ 'POST /api/wallet/top-ups': () => json(201, { entry: entry(15000), balance: 15000 }) });
    renderApp(<TopUpForm currency="CLP" />);
    await userEvent.type(screen.getByLabelText('Amount (CLP)'), '15000');
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    expect(await screen.findByText(/Your balance is now/)).toBeInTheDocument();
    const [call] = api.callsTo('POST', '/api/wallet/top-ups');
    expect(call.body).toEqual({ amount: 15000 });
    expect(call.headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,}$/);
    expect(call.headers.authorization).toBe('Bearer token-of-ana');
  });

  it('sends a double click once, and the button is disabled while in flight', async () => {
    const answer = deferred<Response>();
    const api = fakeApi({ 'POST /api/wallet/top-ups': () => answer.promise });
    renderApp(<TopUpForm currency="CLP" />);
    await userEvent.type(screen.getByLabelText('Amount (CLP)'), '5000');
    const button = screen.getByRole('button', { name: 'Add money' });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Adding…' })).toBeDisabled());
    expect(api.callsTo('POST', '/api/wallet/top-ups')).toHaveLength(1);
    answer.resolve(json(201, { entry: entry(5000), balance: 5000 }));
    expect(await screen.findByText(/Your balance is now/)).toBeInTheDocument();
  });

  it('retries a lost answer with the same key, and uses a new key for the next top-up', async () => {
    let attempt = 0;
    const api = fakeApi({
      'POST /api/wallet/top-ups': () => {
        attempt += 1;
        if (attempt === 1) return Promise.reject(new TypeError('Failed to fetch'));
        return json(201, { entry: entry(5000), balance: 5000 * (attempt - 1) });
      },
    });
    renderApp(<TopUpForm currency="CLP" />);
    const field = screen.getByLabelText('Amount (CLP)');
    await userEvent.type(field, '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the server');
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    expect(await screen.findByText(/Your balance is now/)).toBeInTheDocument();
    await userEvent.type(field, '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Add money' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/wallet/top-ups')).toHaveLength(3));
    const [lost, retried, next] = api.callsTo('POST', '/api/wallet/top-ups').map((c) => c.headers['idempotency-key']);
    expect(retried).toBe(lost);
    expect(next).not.toBe(lost);
  });
});
