import { Link } from 'react-router';
import { describeError } from '../api/errors';
import { keys, useCurrency, useEvent } from '../api/queries';
import type { Purchase } from '../api/types';
import { usePagedList } from '../api/usePagedList';
import { LoadMore } from '../components/LoadMore';
import { useAuth } from '../auth/AuthContext';
import { FormError } from '../components/Field';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { usePageTitle } from '../lib/usePageTitle';

const PAGE = 10;

/** The purchase's event name: sent with the purchase by newer APIs, else read from the event. */
export function EventName({ id, known }: { id: string; known?: string }) {
  const event = useEvent(known ? undefined : id);
  return <>{known ?? event.data?.name ?? (event.isError ? 'Event' : '…')}</>;
}

export function PurchasesPage() {
  usePageTitle('My purchases');
  const { token } = useAuth();
  const currency = useCurrency();
  const query = usePagedList<Purchase>(keys.purchases, '/api/purchases', PAGE, token, Boolean(token));
  const items = query.items;
  return (
    <section aria-labelledby="purchases-title">
      <div className="page-head">
        <h1 id="purchases-title">My purchases</h1>
      </div>
      <FormError message={query.isError ? describeError(query.error, 'load') : null} />
      {query.isPending && <p className="muted">Loading…</p>}
      {query.isSuccess && items.length === 0 && (
        <p className="panel">
          No purchases yet. <Link to="/events">Find an event</Link>.
        </p>
      )}
      <ul className="purchase-list">
        {items.map((p) => (
          <li key={p.id} className="card purchase-row" data-purchase-id={p.id}>
            <div>
              <h2 className="purchase-event">
                <Link to={`/purchases/${p.id}`}>
                  <EventName id={p.eventId} known={p.eventName} />
                </Link>
              </h2>
              <p className="muted small">
                {p.quantity} {p.quantity === 1 ? 'ticket' : 'tickets'} · {formatMoney(p.amount, currency)} · {formatDateTime(p.createdAt)}
              </p>
            </div>
            <StatusBadge status={p.status} />
          </li>
        ))}
      </ul>
      <LoadMore list={query} label="Older purchases" />
    </section>
  );
}
