import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describeParty, DoorCheckPage, VerifyVerdict } from './DoorCheckPage';
import { apiError, fakeApi, json, renderApp } from '../test/render';

const ADMIN = { token: 't-admin', user: { id: 'a', email: 'admin@x.test', name: 'Admin', role: 'admin' as const } };

describe('door check', () => {
  it('shows holder and event whether they come as text or objects', () => {
    expect(describeParty('Ana')).toBe('Ana');
    expect(describeParty({ name: 'Ana', email: 'ana@example.com' })).toBe('Ana (ana@example.com)');
    expect(describeParty(null)).toBeNull();
  });

  it('admits a first check-in, warns on a second, refuses an invalid token', () => {
    const { rerender } = render(<VerifyVerdict result={{ valid: true, firstCheckIn: true, holder: 'Ana', event: { name: 'Jazz' }, quantity: 2 }} />);
    expect(screen.getByText('Valid: first check-in, admit')).toBeInTheDocument();
    expect(screen.getByText('Ana')).toBeInTheDocument();
    expect(screen.getByText('Jazz')).toBeInTheDocument();
    rerender(<VerifyVerdict result={{ valid: true, firstCheckIn: false, holder: 'Ana' }} />);
    expect(screen.getByText('Valid, but already checked in before')).toBeInTheDocument();
    rerender(<VerifyVerdict result={{ valid: false, firstCheckIn: false }} />);
    expect(screen.getByText('Not valid: do not admit')).toBeInTheDocument();
  });

  it('posts the pasted token and shows the verdict', async () => {
    const api = fakeApi({ 'POST /api/tickets/verify': () => json(200, { valid: true, firstCheckIn: true, holder: 'Ana' }) }, ADMIN);
    renderApp(<DoorCheckPage />, { session: ADMIN });
    await userEvent.type(screen.getByLabelText('Ticket token'), '  tok.en  ');
    await userEvent.click(screen.getByRole('button', { name: 'Check ticket' }));
    expect(await screen.findByText('Valid: first check-in, admit')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/tickets/verify')[0].body).toEqual({ token: 'tok.en' });
  });

  it('asks for a token before sending, and explains a refusal', async () => {
    const api = fakeApi({ 'POST /api/tickets/verify': () => apiError(403, 'forbidden') }, ADMIN);
    renderApp(<DoorCheckPage />, { session: ADMIN });
    await userEvent.click(screen.getByRole('button', { name: 'Check ticket' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Paste the ticket token');
    expect(api.callsTo('POST', '/api/tickets/verify')).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Ticket token'), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Check ticket' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This needs an admin account.');
  });
});

describe('door check camera', () => {
  it('is offered only where the browser can detect QR codes', () => {
    fakeApi({}, ADMIN);
    renderApp(<DoorCheckPage />, { session: ADMIN });
    expect(screen.queryByRole('button', { name: 'Scan with camera' })).toBeNull();
  });

  it('checks the token read from the camera, then lets the camera go', async () => {
    const stop = vi.fn();
    vi.stubGlobal(
      'BarcodeDetector',
      class {
        async detect() {
          return [{ rawValue: 'scanned.token' }];
        }
      },
    );
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop }] })) },
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const api = fakeApi({ 'POST /api/tickets/verify': () => json(200, { valid: true, firstCheckIn: true, holder: 'Ana' }) }, ADMIN);
    renderApp(<DoorCheckPage />, { session: ADMIN });
    await userEvent.click(screen.getByRole('button', { name: 'Scan with camera' }));
    expect(await screen.findByText('Valid: first check-in, admit')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/tickets/verify')[0].body).toEqual({ token: 'scanned.token' });
    expect(screen.getByLabelText('Ticket token')).toHaveValue('scanned.token');
    expect(stop).toHaveBeenCalled();
    Reflect.deleteProperty(navigator, 'mediaDevices');
  });
});
