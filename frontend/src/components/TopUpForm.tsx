import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../api/client';
import { describeError } from '../api/errors';
import { keys } from '../api/queries';
import type { LedgerEntry } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatMoney, minorDigits, parseAmount } from '../lib/money';
import { useIntentKey } from '../lib/intent';
import { useFormField } from '../lib/useFormField';
import { Field, FormError } from './Field';

interface TopUpAnswer {
  entry: LedgerEntry;
  balance: number;
}

/** Adds money to the wallet. A double click or a retry after a lost answer adds it once. */
export function TopUpForm({ currency }: { currency: string }) {
  const { token } = useAuth();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const sending = useRef(false);
  const [done, setDone] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: ({ amount, key }: { amount: number; key: string }) =>
      request<TopUpAnswer>('/api/wallet/top-ups', { method: 'POST', token, idempotencyKey: key, body: { amount } }),
    onSuccess: (answer) => {
      intent.complete();
      setText('');
      setDone(`Added ${formatMoney(answer.entry.amount, currency)}. Your balance is now ${formatMoney(answer.balance, currency)}.`);
      queryClient.setQueryData(keys.wallet, { balance: answer.balance, currency });
      void queryClient.invalidateQueries({ queryKey: keys.wallet });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') intent.complete();
    },
    onSettled: () => {
      sending.current = false;
    },
  });

  const amountField = useFormField('', () => mutation.reset());
  const { text, setText, error: fieldError, setError: setFieldError } = amountField;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (sending.current || mutation.isPending) return;
    setDone(null);
    const parsed = parseAmount(text, currency);
    if (!parsed.ok) {
      setFieldError(parsed.reason);
      return;
    }
    setFieldError(null);
    sending.current = true;
    mutation.mutate({ amount: parsed.minor, key: intent.keyFor(String(parsed.minor)) });
  };

  const quick = [5000, 10000, 50000].map((major) => major * 10 ** minorDigits(currency));
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-labelledby="topup-title">
      <h2 id="topup-title">Top up</h2>
      <Field
        label={`Amount (${currency})`}
        inputMode={minorDigits(currency) > 0 ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={text}
        onChange={amountField.onChange}
        error={fieldError ?? (mutation.error instanceof ApiError && mutation.error.code === 'invalid_request' ? describeError(mutation.error, 'topUp') : null)}
      />
      <div className="quick-amounts" role="group" aria-label="Quick amounts">
        {quick.map((minor) => (
          <button
            key={minor}
            type="button"
            className="chip"
            onClick={() => {
              setText(String(minor / 10 ** minorDigits(currency)));
              setFieldError(null);
              mutation.reset();
            }}
          >
            {formatMoney(minor, currency)}
          </button>
        ))}
      </div>
      <FormError
        message={mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'invalid_request') ? describeError(mutation.error, 'topUp') : null}
      />
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Adding…' : 'Add money'}
      </button>
      <p className="success-text" aria-live="polite">
        {done}
      </p>
    </form>
  );
}
