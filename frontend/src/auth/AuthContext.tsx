import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { request, setUnauthorizedHandler } from '../api/client';
import type { Session, User } from '../api/types';

const STORAGE_KEY = 'tixproof.session';

interface AuthValue {
  token: string | null;
  user: User | null;
  signIn(session: Session): void;
  signOut(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

function stored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Session) : null;
    return parsed && typeof parsed.token === 'string' && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}

/** The signed-in person, kept in localStorage so a reload stays signed in until the token expires. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const queryClient = useQueryClient();

  const signIn = useCallback(
    (next: Session) => {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      queryClient.clear();
      setSession(next);
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    queryClient.clear();
    setSession(null);
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    return () => setUnauthorizedHandler(null);
  }, [signOut]);

  // refresh the user (a role may have changed; an expired token answers 401 and signs out)
  const token = session?.token ?? null;
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    request<User>('/api/me', { token, signal: controller.signal })
      .then((user) => {
        setSession((current) => {
          if (!current || current.token !== token) return current;
          const next = { token, user };
          localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
          return next;
        });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [token]);

  const value = useMemo<AuthValue>(
    () => ({ token, user: session?.user ?? null, signIn, signOut }),
    [token, session, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}
