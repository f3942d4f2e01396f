import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { RequireUser } from '../components/Layout';
import { WalletPage } from '../pages/WalletPage';
import { apiError, fakeApi, renderApp } from '../test/render';

const walletRoutes = (
  <Routes>
    <Route
      path="/wallet"
      element={
        <RequireUser>
          <WalletPage />
        </RequireUser>
      }
    />
    <Route path="/login" element={<p>login page</p>} />
  </Routes>
);

describe('session', () => {
  it('sends a signed-out visitor to log in, and back afterwards', async () => {
    fakeApi({}, null);
    renderApp(walletRoutes, { session: null, path: '/wallet' });
    await screen.findByText('login page');
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });

  it('ends when the API says the token is no longer good', async () => {
    const api = fakeApi({ 'GET /api/wallet': () => apiError(401, 'unauthorized', 'token expired') });
    renderApp(walletRoutes, { path: '/wallet' });
    await screen.findByText('login page');
    expect(localStorage.getItem('tixproof.session')).toBeNull();
    expect(api.callsTo('GET', '/api/wallet')[0].headers.authorization).toBe('Bearer token-of-ana');
  });

  it('keeps admins-only pages from customers, in words', () => {
    fakeApi({});
    renderApp(
      <RequireUser admin>
        <p>secret admin page</p>
      </RequireUser>,
    );
    expect(screen.getByRole('heading', { name: 'Admins only' })).toBeInTheDocument();
    expect(screen.queryByText('secret admin page')).toBeNull();
  });
});
