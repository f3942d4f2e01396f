import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';
import { describeError } from '../api/errors';
import { keys, useCurrency } from '../api/queries';
import type { TicketEvent } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { Field, FormError } from '../components/Field';
import { formatEventDate } from '../lib/dates';
import { formatMoney, parseAmount } from '../lib/money';
import { usePageTitle } from '../lib/usePageTitle';

export interface EventValues {
  name: string;
  venue: string;
  startsAt: string; // datetime-local, the admin's local time
  price: string;
  capacity: string;
}

export type EventErrors = Partial<Record<keyof EventValues, string>>;

export function validateEvent(values: EventValues, currency: string, now: Date = new Date()) {
  const errors: EventErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the event name.';
  else if (values.name.trim().length > 200) errors.name = 'Use at most 200 characters.';
  if (!values.venue.trim()) errors.venue = 'Enter the venue.';
  else if (values.venue.trim().length > 200) errors.venue = 'Use at most 200 characters.';
  const starts = values.startsAt ? new Date(values.startsAt) : null;
  if (!starts || Number.isNaN(starts.getTime())) errors.startsAt = 'Pick the date and time it starts.';
  else if (starts.getTime() <= now.getTime()) errors.startsAt = 'Pick a time in the future.';
  const price = parseAmount(values.price, currency, 1_000_000_000);
  if (!price.ok) errors.price = price.reason;
  const capacity = values.capacity.trim();
  if (!/^\d+$/.test(capacity) || Number(capacity) < 1) errors.capacity = 'Enter the number of seats, at least 1.';
  else if (Number(capacity) > 1_000_000) errors.capacity = 'At most 1,000,000 seats.';
  if (Object.keys(errors).length > 0 || !starts || !price.ok) return { errors, body: null };
  return {
    errors,
    body: { name: values.name.trim(), venue: values.venue.trim(), startsAt: starts.toISOString(), price: price.minor, capacity: Number(capacity) },
  };
}

const EMPTY: EventValues = { name: '', venue: '', startsAt: '', price: '', capacity: '' };

export function CreateEventPage() {
  usePageTitle('New event');
  const { token } = useAuth();
  const currency = useCurrency();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<EventValues>(EMPTY);
  const [errors, setErrors] = useState<EventErrors>({});
  const [created, setCreated] = useState<TicketEvent | null>(null);
  const mutation = useMutation({
    mutationFn: (body: object) => request<TicketEvent>('/api/events', { method: 'POST', token, body }),
    onSuccess: (event) => {
      setCreated(event);
      setValues(EMPTY);
      void queryClient.invalidateQueries({ queryKey: keys.events });
    },
  });
  const set = (field: keyof EventValues) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setErrors((er) => ({ ...er, [field]: undefined }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    const { errors: found, body } = validateEvent(values, currency);
    setErrors(found);
    setCreated(null);
    if (body) mutation.mutate(body);
  };

  return (
    <form className="panel form narrow" onSubmit={onSubmit} noValidate aria-labelledby="new-event-title">
      <h1 id="new-event-title">New event</h1>
      <Field label="Name" value={values.name} onChange={set('name')} error={errors.name} maxLength={200} />
      <Field label="Venue" value={values.venue} onChange={set('venue')} error={errors.venue} maxLength={200} />
      <Field label="Starts at (your local time)" type="datetime-local" value={values.startsAt} onChange={set('startsAt')} error={errors.startsAt} />
      <Field label={`Ticket price (${currency})`} inputMode="numeric" value={values.price} onChange={set('price')} error={errors.price} />
      <Field label="Seats" inputMode="numeric" value={values.capacity} onChange={set('capacity')} error={errors.capacity} />
      <FormError message={mutation.error ? describeError(mutation.error, 'createEvent') : null} />
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create event'}
      </button>
      <div aria-live="polite">
        {created && (
          <p className="success-text">
            Created “{created.name}” on {formatEventDate(created.startsAt)}: {created.capacity} seats at {formatMoney(created.price, currency)}.{' '}
            <Link to="/events">See it on sale</Link>
          </p>
        )}
      </div>
    </form>
  );
}
