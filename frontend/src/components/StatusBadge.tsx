import type { PurchaseStatus } from '../api/types';

const LABELS: Record<PurchaseStatus, { label: string; tone: string }> = {
  AWAITING_PROOF: { label: 'Proving payment', tone: 'pending' },
  PAID: { label: 'Paid · preparing ticket', tone: 'info' },
  TICKET_READY: { label: 'Ticket ready', tone: 'success' },
  EXPIRED: { label: 'Expired · refunded', tone: 'muted' },
  REJECTED: { label: 'Rejected', tone: 'danger' },
};

export function statusLabel(status: PurchaseStatus): string {
  return LABELS[status]?.label ?? status;
}

export function isFinal(status: PurchaseStatus): boolean {
  return status === 'TICKET_READY' || status === 'EXPIRED' || status === 'REJECTED';
}

export function StatusBadge({ status }: { status: PurchaseStatus }) {
  const entry = LABELS[status] ?? { label: status, tone: 'muted' };
  return (
    <span className={`badge badge-${entry.tone}`} data-status={status}>
      {entry.label}
    </span>
  );
}
