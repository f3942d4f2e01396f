import { describeError } from '../api/errors';
import { keys, useCurrency } from '../api/queries';
import type { TicketEvent } from '../api/types';
import { usePagedList } from '../api/usePagedList';
import { LoadMore } from '../components/LoadMore';
import { BuyForm } from '../components/BuyForm';
import { FormError } from '../components/Field';
import { formatEventDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { usePageTitle } from '../lib/usePageTitle';

const PAGE = 20;

export function seatsText(event: Pick<TicketEvent, 'seatsLeft' | 'capacity'>): { text: string; tone: string } {
  if (event.seatsLeft <= 0) return { text: 'Sold out', tone: 'danger' };
  const few = event.seatsLeft <= Math.max(5, Math.ceil(event.capacity * 0.1));
  return {
    text: `${event.seatsLeft} of ${event.capacity} ${event.seatsLeft === 1 ? 'seat' : 'seats'} left`,
    tone: few ? 'warning' : 'muted',
  };
}

export function EventsPage() {
  usePageTitle('Events');
  const currency = useCurrency();
  const query = usePagedList<TicketEvent>(keys.events, '/api/events', PAGE);
  const events = query.items;

  return (
    <section aria-labelledby="events-title">
      <div className="page-head">
        <h1 id="events-title">Upcoming events</h1>
        <p className="lead">Pay from your wallet; your ticket arrives as soon as the payment is proven.</p>
      </div>
      {query.isPending && <p className="muted">Loading events…</p>}
      <FormError message={query.isError ? describeError(query.error, 'load') : null} />
      {query.isSuccess && events.length === 0 && <p className="panel">No events on sale right now.</p>}
      <ul className="event-grid">
        {events.map((event) => {
          const seats = seatsText(event);
          return (
            <li key={event.id} className="card event-card" data-event-id={event.id}>
              <div className="event-date">{formatEventDate(event.startsAt)}</div>
              <h2 className="event-name">{event.name}</h2>
              <p className="event-venue">{event.venue}</p>
              <div className="event-meta">
                <span className="price">{formatMoney(event.price, currency)}</span>
                <span className={`seats seats-${seats.tone}`}>{seats.text}</span>
              </div>
              <BuyForm event={event} currency={currency} />
            </li>
          );
        })}
      </ul>
      <LoadMore list={query} label="More events" />
    </section>
  );
}
