import { Link, useParams } from 'react-router';
import { describeError } from '../api/errors';
import { useCurrency, useEvent } from '../api/queries';
import { usePurchaseLive } from '../api/usePurchaseLive';
import { useAuth } from '../auth/AuthContext';
import { FormError } from '../components/Field';
import { Fact } from '../components/Fact';
import { ProofProgress } from '../components/ProofProgress';
import { StatusBadge } from '../components/StatusBadge';
import { TicketDownload } from '../components/TicketDownload';
import { formatDateTime, formatEventDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { usePageTitle } from '../lib/usePageTitle';

export function PurchaseDetailPage() {
  const { id = '' } = useParams();
  const { token } = useAuth();
  const currency = useCurrency();
  const purchase = usePurchaseLive(id, token);
  const event = useEvent(purchase.data?.eventId);
  const p = purchase.data;
  usePageTitle(event.data?.name ?? p?.eventName ?? 'Purchase');

  if (purchase.isError) {
    return (
      <section className="panel">
        <h1>Purchase</h1>
        <FormError message={describeError(purchase.error, 'load')} />
        <Link to="/purchases">Back to my purchases</Link>
      </section>
    );
  }
  if (!p) return <p className="muted">Loading purchase…</p>;

  return (
    <section aria-labelledby="purchase-title" className="purchase-detail">
      <p>
        <Link to="/purchases">← My purchases</Link>
      </p>
      <div className="panel">
        <div className="purchase-head">
          <h1 id="purchase-title">{event.data?.name ?? p.eventName ?? 'Your purchase'}</h1>
          <StatusBadge status={p.status} />
        </div>
        {event.data && (
          <p className="muted">
            {formatEventDate(event.data.startsAt)} · {event.data.venue}
          </p>
        )}
        <dl className="facts">
          <Fact label="Tickets">{p.quantity}</Fact>
          <Fact label="Paid">{formatMoney(p.amount, currency)}</Fact>
          <Fact label="Ordered">{formatDateTime(p.createdAt)}</Fact>
          {p.ticketCode && (
            <Fact label="Ticket code" code>
              {p.ticketCode}
            </Fact>
          )}
        </dl>

        <h2>Payment proof</h2>
        <ProofProgress purchase={p} />
        {p.status === 'AWAITING_PROOF' && (
          <p className="muted small">
            Our workers are solving this payment's challenges. This page updates by itself.
            {p.expiresAt && ` If it is not proven by ${formatDateTime(p.expiresAt)}, the amount is refunded.`}
          </p>
        )}
        {p.status === 'PAID' && <p className="muted">Payment proven. Your ticket is being prepared…</p>}
        {p.status === 'PAID' && p.ticketError && (
          <p className="form-error" role="alert">
            Your ticket is taking longer than usual; we keep trying and it will appear here. Your payment is safe.
          </p>
        )}
        {p.status === 'TICKET_READY' && (
          <>
            <h2>Your ticket</h2>
            <p>Show the QR code on the PDF at the door.</p>
            <TicketDownload purchase={p} />
          </>
        )}
        {p.status === 'EXPIRED' && <p>This purchase was not proven in time. The seats were released and the amount refunded to your wallet.</p>}
      </div>
    </section>
  );
}
