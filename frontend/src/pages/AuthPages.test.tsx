import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthForm, validateAuth } from './AuthPages';
import { apiError, CUSTOMER, fakeApi, json, renderApp } from '../test/render';

describe('validateAuth', () => {
  it('wants an e-mail, and a name and 8-character password to sign up', () => {
    expect(validateAuth({ email: '', name: '', password: '' }, 'register')).toEqual({
      email: 'Enter your e-mail address.',
      name: 'Enter your name, as it should appear on your tickets.',
      password: 'Enter your password.',
    });
    expect(validateAuth({ email: 'ana@', name: 'Ana', password: 'short' }, 'register')).toEqual({
      email: 'Enter an e-mail address like ana@example.com.',
      password: 'Use at least 8 characters.',
    });
    expect(validateAuth({ email: 'ana@example.com', name: 'Ana', password: 'correct horse' }, 'register')).toEqual({});
  });

  it('does not judge an existing password’s length at log in', () => {
    expect(validateAuth({ email: 'ana@example.com', name: '', password: 'short' }, 'login')).toEqual({});
  });
});

describe('sign up form', () => {
  it('shows each problem next to its field and sends nothing', async () => {
    const api = fakeApi({}, null);
    renderApp(<AuthForm mode="register" />, { session: null });
    await userEvent.type(screen.getByLabelText('E-mail'), 'not-an-email');
    await userEvent.type(screen.getByLabelText('Password'), '1234');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('Enter an e-mail address like ana@example.com.');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Printed on your tickets. Enter your name/);
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Use at least 8 characters.')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });

  it('registers, keeps the session and goes to the events', async () => {
    const api = fakeApi({ 'POST /api/auth/register': () => json(201, CUSTOMER) }, CUSTOMER);
    renderApp(<AuthForm mode="register" />, { session: null, path: '/signup' });
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Name'), ' Ana ');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/events'));
    expect(api.callsTo('POST', '/api/auth/register')[0].body).toEqual({ email: 'ana@example.com', name: 'Ana', password: 'correct horse' });
    expect(JSON.parse(localStorage.getItem('tixproof.session')!).token).toBe(CUSTOMER.token);
  });

  it('puts "e-mail taken" under the e-mail field', async () => {
    fakeApi({ 'POST /api/auth/register': () => apiError(409, 'email_taken') }, null);
    renderApp(<AuthForm mode="register" />, { session: null });
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Name'), 'Ana');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription(/already exists. Log in instead/));
  });
});

describe('log in form', () => {
  it('says a wrong password in words and stays on the page', async () => {
    fakeApi({ 'POST /api/auth/login': () => apiError(401, 'unauthorized', 'wrong e-mail or password') }, null);
    renderApp(<AuthForm mode="login" />, { session: null, path: '/login' });
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong e-mail or password.');
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });

  it('goes back to the page that asked for a login', async () => {
    fakeApi({ 'POST /api/auth/login': () => json(200, CUSTOMER) }, CUSTOMER);
    renderApp(<AuthForm mode="login" />, { session: null, path: '/login?next=%2Fwallet' });
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/wallet'));
  });

  it('is disabled while the request is in flight', async () => {
    let release!: (r: Response) => void;
    fakeApi({ 'POST /api/auth/login': () => new Promise<Response>((r) => (release = r)) }, null);
    renderApp(<AuthForm mode="login" />, { session: null });
    await userEvent.type(screen.getByLabelText('E-mail'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('button', { name: 'Logging in…' })).toBeDisabled();
    release(json(200, CUSTOMER));
  });
});
