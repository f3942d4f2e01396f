import type { ReactNode } from 'react';
import { Link, NavLink, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { WorkerLight } from './WorkerLight';

export function Layout({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/events" className="brand">
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
              <rect width="32" height="32" rx="7" fill="currentColor" />
              <path d="M8 11h16v3a2 2 0 0 0 0 4v3H8v-3a2 2 0 0 0 0-4z" fill="#fff" />
            </svg>
            Tixproof
          </Link>
          <WorkerLight />
        </div>
        <nav className="container nav-row" aria-label="Main">
          <NavLink to="/events">Events</NavLink>
          {user && <NavLink to="/wallet">Wallet</NavLink>}
          {user && <NavLink to="/purchases">My purchases</NavLink>}
          {user?.role === 'admin' && <NavLink to="/admin/events/new">New event</NavLink>}
          {user?.role === 'admin' && <NavLink to="/admin/door">Door check</NavLink>}
          <span className="nav-spacer" />
          {user ? (
            <span className="nav-user">
              <span className="nav-name" title={user.email}>
                {user.name}
              </span>
              <button type="button" className="link-button" onClick={() => navigate('/logout')}>
                Log out
              </button>
            </span>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/signup" className="nav-cta">
                Sign up
              </NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer container">
        <p>Every payment on Tixproof is proven by our worker pool before it counts.</p>
      </footer>
    </>
  );
}

/** Sends a signed-out visitor to the login page, and back here afterwards. */
export function RequireUser({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (admin && user.role !== 'admin') {
    return (
      <section className="panel">
        <h1>Admins only</h1>
        <p>This page needs an admin account. You are signed in as {user.email}.</p>
      </section>
    );
  }
  return <>{children}</>;
}
