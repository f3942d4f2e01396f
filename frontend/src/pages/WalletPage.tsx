import { Link } from 'react-router';
import { describeError } from '../api/errors';
import { keys, useWallet } from '../api/queries';
import type { EntryKind, LedgerEntry } from '../api/types';
import { usePagedList } from '../api/usePagedList';
import { LoadMore } from '../components/LoadMore';
import { useAuth } from '../auth/AuthContext';
import { FormError } from '../components/Field';
import { TopUpForm } from '../components/TopUpForm';
import { formatDateTime } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { usePageTitle } from '../lib/usePageTitle';

const PAGE = 10;

const KIND: Record<EntryKind, string> = { TOP_UP: 'Top-up', PURCHASE: 'Purchase', REFUND: 'Refund' };

/** A purchase takes money out; top-ups and refunds put it in (whatever sign the API stores). */
export function signedAmount(entry: Pick<LedgerEntry, 'kind' | 'amount'>): number {
  const size = Math.abs(entry.amount);
  return entry.kind === 'PURCHASE' ? -size : size;
}

export function WalletPage() {
  usePageTitle('Wallet');
  const { token } = useAuth();
  const wallet = useWallet();
  const currency = wallet.data?.currency;
  const entries = usePagedList<LedgerEntry>(keys.entries, '/api/wallet/entries', PAGE, token, Boolean(token));
  const items = entries.items;

  return (
    <section aria-labelledby="wallet-title">
      <div className="page-head">
        <h1 id="wallet-title">Wallet</h1>
      </div>
      <FormError message={wallet.isError ? describeError(wallet.error, 'load') : null} />
      <div className="wallet-grid">
        <div className="panel balance-card">
          <h2>Balance</h2>
          <p className="balance" data-testid="balance" aria-live="polite">
            {wallet.data ? formatMoney(wallet.data.balance, wallet.data.currency) : '…'}
          </p>
          <p className="muted">Tickets are paid from this balance.</p>
        </div>
        {currency && <TopUpForm currency={currency} />}
      </div>

      <div className="panel">
        <h2>History</h2>
        <FormError message={entries.isError ? describeError(entries.error, 'load') : null} />
        {entries.isPending && <p className="muted">Loading…</p>}
        {entries.isSuccess && items.length === 0 && <p className="muted">No movements yet. Top up to get started.</p>}
        {items.length > 0 && currency && (
          <ul className="entries" aria-label="Wallet movements">
            {items.map((entry) => {
              const amount = signedAmount(entry);
              return (
                <li key={entry.id} className="entry" data-kind={entry.kind}>
                  <div>
                    <span className="entry-kind">{KIND[entry.kind] ?? entry.kind}</span>
                    {entry.purchaseId && (
                      <>
                        {' · '}
                        <Link to={`/purchases/${entry.purchaseId}`}>view purchase</Link>
                      </>
                    )}
                    <div className="muted small">{formatDateTime(entry.createdAt)}</div>
                  </div>
                  <div className="entry-amounts">
                    <span className={amount < 0 ? 'amount-out' : 'amount-in'}>
                      {amount < 0 ? '−' : '+'}
                      {formatMoney(Math.abs(amount), currency)}
                    </span>
                    <div className="muted small">Balance {formatMoney(entry.balanceAfter, currency)}</div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <LoadMore list={entries} label="Older movements" />
      </div>
    </section>
  );
}
