import { useCallback, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { request } from '../api/client';
import { describeError } from '../api/errors';
import type { VerifyResult } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FieldMessage, FormError } from '../components/Field';
import { Fact } from '../components/Fact';
import { QrScanner } from '../components/QrScanner';
import { formatDateTime, formatEventDate } from '../lib/dates';
import { usePageTitle } from '../lib/usePageTitle';
import { useFormField } from '../lib/useFormField';

/** A holder or event as text, whether the API sends a string or an object with a name. */
export function describeParty(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : null;
    const extra = [o.email, o.venue, typeof o.startsAt === 'string' ? formatEventDate(o.startsAt) : null].filter(
      (x): x is string => typeof x === 'string' && x !== '',
    );
    if (name) return extra.length ? `${name} (${extra.join(', ')})` : name;
    if (extra.length) return extra.join(', ');
  }
  return JSON.stringify(value);
}

export function VerifyVerdict({ result }: { result: VerifyResult }) {
  const holder = describeParty(result.holder);
  const event = describeParty(result.event);
  let tone = 'danger';
  let title = 'Not valid: do not admit';
  if (result.valid && result.firstCheckIn) {
    tone = 'success';
    title = 'Valid: first check-in, admit';
  } else if (result.valid) {
    tone = 'warning';
    title = 'Valid, but already checked in before';
  }
  return (
    <div className={`verdict verdict-${tone}`} data-valid={String(result.valid)} data-first={String(result.firstCheckIn)}>
      <p className="verdict-title">{title}</p>
      {result.valid && (
        <dl className="facts">
          {holder && <Fact label="Holder">{holder}</Fact>}
          {event && <Fact label="Event">{event}</Fact>}
          {result.ticketCode && (
            <Fact label="Ticket code" code>
              {result.ticketCode}
            </Fact>
          )}
          {typeof result.quantity === 'number' && <Fact label="Admits">{result.quantity}</Fact>}
          <Fact label="First check-in">
            {result.firstCheckIn ? 'Yes, now' : 'No'}
            {!result.firstCheckIn && result.checkedInAt ? `: first checked in ${formatDateTime(result.checkedInAt)}` : ''}
          </Fact>
        </dl>
      )}
    </div>
  );
}

export function DoorCheckPage() {
  usePageTitle('Door check');
  const { token } = useAuth();
  const mutation = useMutation({
    mutationFn: (ticket: string) => request<VerifyResult>('/api/tickets/verify', { method: 'POST', token, body: { token: ticket } }),
  });
  const { mutate, reset } = mutation;
  const tokenField = useFormField('', reset);
  const { text, setText, error: fieldError, setError: setFieldError } = tokenField;
  const onScan = useCallback(
    (scanned: string) => {
      setText(scanned);
      setFieldError(null);
      reset();
      mutate(scanned.trim());
    },
    [mutate, reset],
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    const ticket = text.trim();
    if (!ticket) {
      setFieldError('Paste the ticket token (the text in the QR code).');
      return;
    }
    setFieldError(null);
    mutation.mutate(ticket);
  };
  return (
    <section aria-labelledby="door-title" className="narrow">
      <form className="panel form" onSubmit={onSubmit} noValidate>
        <h1 id="door-title">Door check</h1>
        <QrScanner onScan={onScan} />
        <div className={`field${fieldError ? ' field-invalid' : ''}`}>
          <label htmlFor="ticket-token">Ticket token</label>
          <textarea
            id="ticket-token"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={tokenField.onChange}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'ticket-token-error' : 'ticket-token-hint'}
          />
          <p className="hint" id="ticket-token-hint">
            The text of the ticket's QR code: scan it with the camera, or with any scanner app and paste it here.
          </p>
          <FieldMessage id="ticket-token-error" message={fieldError} />
        </div>
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Checking…' : 'Check ticket'}
        </button>
        <FormError message={mutation.error ? describeError(mutation.error, 'verify') : null} />
      </form>
      <div aria-live="polite">{mutation.data && <VerifyVerdict result={mutation.data} />}</div>
    </section>
  );
}
