import { useId, useRef, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../api/client';
import { describeError } from '../api/errors';
import { keys } from '../api/queries';
import type { Purchase, TicketEvent } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatMoney } from '../lib/money';
import { useIntentKey } from '../lib/intent';
import { useFormField } from '../lib/useFormField';
import { FieldMessage, FormError } from './Field';

export const MAX_QUANTITY = 10;

export type ParsedQuantity = { ok: true; quantity: number } | { ok: false; reason: string };

export function parseQuantity(text: string, seatsLeft: number): ParsedQuantity {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: 'Enter how many tickets, as a whole number.' };
  const quantity = Number(trimmed);
  if (quantity < 1) return { ok: false, reason: 'Buy at least 1 ticket.' };
  if (quantity > MAX_QUANTITY) return { ok: false, reason: `At most ${MAX_QUANTITY} tickets per purchase.` };
  if (quantity > seatsLeft) {
    return { ok: false, reason: seatsLeft === 1 ? 'Only 1 seat is left.' : `Only ${seatsLeft} seats are left.` };
  }
  return { ok: true, quantity };
}

/** Quantity and buy button of one event. A double click buys once: one key per intended purchase. */
export function BuyForm({ event, currency }: { event: TicketEvent; currency: string }) {
  const { token } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const sending = useRef(false);
  const id = useId();

  const mutation = useMutation({
    mutationFn: ({ quantity, key }: { quantity: number; key: string }) =>
      request<Purchase>('/api/purchases', { method: 'POST', token, idempotencyKey: key, body: { eventId: event.id, quantity } }),
    onSuccess: (purchase) => {
      intent.complete();
      queryClient.setQueryData(keys.purchase(purchase.id), purchase);
      void queryClient.invalidateQueries({ queryKey: keys.wallet });
      void queryClient.invalidateQueries({ queryKey: keys.events });
      void queryClient.invalidateQueries({ queryKey: keys.purchases });
      navigate(`/purchases/${purchase.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') intent.complete();
      if (error instanceof ApiError && error.code === 'sold_out') void queryClient.invalidateQueries({ queryKey: keys.events });
    },
    onSettled: () => {
      sending.current = false;
    },
  });

  const quantityField = useFormField('1', () => mutation.reset());
  const { text, error: fieldError, setError: setFieldError } = quantityField;
  const soldOut = event.seatsLeft <= 0;
  const parsed = parseQuantity(text, event.seatsLeft);
  const total = parsed.ok ? parsed.quantity * event.price : null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (sending.current || mutation.isPending) return;
    if (!parsed.ok) {
      setFieldError(parsed.reason);
      return;
    }
    setFieldError(null);
    sending.current = true;
    mutation.mutate({ quantity: parsed.quantity, key: intent.keyFor(`${event.id}:${parsed.quantity}`) });
  };

  if (!token) {
    return (
      <Link className="button secondary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
        Log in to buy
      </Link>
    );
  }
  if (soldOut) {
    return <p className="sold-out-note">Sold out</p>;
  }
  const error = mutation.error;
  const insufficient = error instanceof ApiError && error.code === 'insufficient_funds';
  return (
    <form className="buy-form" onSubmit={onSubmit} noValidate aria-label={`Buy tickets for ${event.name}`}>
      <div className="buy-row">
        <div className={`field field-compact${fieldError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-qty`}>Tickets</label>
          <input
            id={`${id}-qty`}
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.min(MAX_QUANTITY, event.seatsLeft)}
            value={text}
            onChange={quantityField.onChange}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-qty-error` : undefined}
          />
        </div>
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Buying…' : total !== null ? `Buy · ${formatMoney(total, currency)}` : 'Buy'}
        </button>
      </div>
      <FieldMessage id={`${id}-qty-error`} message={fieldError} />
      <FormError message={error ? describeError(error, 'buy') : null}>
        {insufficient && (
          <p>
            <Link to="/wallet">Top up your wallet</Link>
          </p>
        )}
      </FormError>
    </form>
  );
}
