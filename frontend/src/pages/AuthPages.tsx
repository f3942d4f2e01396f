import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ApiError, request } from '../api/client';
import { describeError } from '../api/errors';
import type { Session } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Field, FormError } from '../components/Field';
import { usePageTitle } from '../lib/usePageTitle';

export type AuthMode = 'login' | 'register';

export interface AuthValues {
  email: string;
  name: string;
  password: string;
}

export type AuthErrors = Partial<Record<keyof AuthValues, string>>;

export const MIN_PASSWORD = 8;

/** The checks the API would make anyway, said before sending. */
export function validateAuth(values: AuthValues, mode: AuthMode): AuthErrors {
  const errors: AuthErrors = {};
  const email = values.email.trim();
  if (!email) errors.email = 'Enter your e-mail address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter an e-mail address like ana@example.com.';
  if (mode === 'register' && !values.name.trim()) errors.name = 'Enter your name, as it should appear on your tickets.';
  if (!values.password) errors.password = 'Enter your password.';
  else if (mode === 'register' && values.password.length < MIN_PASSWORD) {
    errors.password = `Use at least ${MIN_PASSWORD} characters.`;
  }
  return errors;
}

export function AuthForm({ mode }: { mode: AuthMode }) {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [values, setValues] = useState<AuthValues>({ email: '', name: '', password: '' });
  const [errors, setErrors] = useState<AuthErrors>({});
  usePageTitle(mode === 'login' ? 'Log in' : 'Sign up');
  const mutation = useMutation({
    mutationFn: (v: AuthValues) =>
      request<Session>(mode === 'login' ? '/api/auth/login' : '/api/auth/register', {
        method: 'POST',
        body: mode === 'login' ? { email: v.email.trim(), password: v.password } : { email: v.email.trim(), name: v.name.trim(), password: v.password },
      }),
    onSuccess: (session) => {
      signIn(session);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/events', { replace: true });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    const found = validateAuth(values, mode);
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(values);
  };
  const set = (field: keyof AuthValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const serverError = mutation.error;
  const emailTaken = serverError instanceof ApiError && serverError.code === 'email_taken';
  const context = mode === 'login' ? 'login' : 'register';

  return (
    <form className="panel form narrow" onSubmit={onSubmit} noValidate aria-labelledby="auth-title">
      <h1 id="auth-title">{mode === 'login' ? 'Log in' : 'Create your account'}</h1>
      <Field
        label="E-mail"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={set('email')}
        error={errors.email ?? (emailTaken ? describeError(serverError, context) : null)}
      />
      {mode === 'register' && (
        <Field label="Name" autoComplete="name" value={values.name} onChange={set('name')} error={errors.name} hint="Printed on your tickets." />
      )}
      <Field
        label="Password"
        type="password"
        autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
        value={values.password}
        onChange={set('password')}
        error={errors.password}
        hint={mode === 'register' ? `At least ${MIN_PASSWORD} characters.` : undefined}
      />
      <FormError message={serverError && !emailTaken ? describeError(serverError, context) : null} />
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending ? (mode === 'login' ? 'Logging in…' : 'Creating account…') : mode === 'login' ? 'Log in' : 'Sign up'}
      </button>
      <p className="form-switch">
        {mode === 'login' ? (
          <>
            New here? <Link to={`/signup${params.toString() ? `?${params}` : ''}`}>Create an account</Link>
          </>
        ) : (
          <>
            Already have an account? <Link to={`/login${params.toString() ? `?${params}` : ''}`}>Log in</Link>
          </>
        )}
      </p>
    </form>
  );
}

export function LoginPage() {
  return <AuthForm mode="login" />;
}

export function SignUpPage() {
  return <AuthForm mode="register" />;
}

/**
 * Logging out is a page of its own: the protected page is left before the session ends, so it
 * does not send the next person to log in back to where this one was.
 */
export function LogoutPage() {
  const { signOut } = useAuth();
  useEffect(() => signOut(), [signOut]);
  return <Navigate to="/login" replace />;
}
