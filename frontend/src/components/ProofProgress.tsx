import type { Purchase } from '../api/types';

/** What the bar shows: solved of total while proving; full once the payment is proven. */
export function proofProgress(p: Pick<Purchase, 'status' | 'solvedChallenges' | 'totalChallenges'>) {
  const total = Math.max(0, p.totalChallenges);
  const proven = p.status === 'PAID' || p.status === 'TICKET_READY';
  const solved = proven ? total : Math.min(Math.max(0, p.solvedChallenges), total);
  const percent = total === 0 ? (proven ? 100 : 0) : Math.round((solved / total) * 100);
  let text: string;
  if (p.status === 'EXPIRED') text = `Not proven in time: ${solved} of ${total} challenges solved. The amount was refunded.`;
  else if (p.status === 'REJECTED') text = 'The payment proof was rejected.';
  else if (proven) text = `Payment proven: ${total} of ${total} challenges solved.`;
  else text = `Proving payment: ${solved} of ${total} challenges solved.`;
  return { solved, total, percent, text };
}

export function ProofProgress({ purchase }: { purchase: Pick<Purchase, 'status' | 'solvedChallenges' | 'totalChallenges'> }) {
  const { solved, total, percent, text } = proofProgress(purchase);
  const failed = purchase.status === 'EXPIRED' || purchase.status === 'REJECTED';
  return (
    <div className="proof">
      <div
        className={`progress${failed ? ' progress-failed' : ''}`}
        role="progressbar"
        aria-label="Payment proof"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={solved}
        aria-valuetext={`${solved} of ${total} challenges solved`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="proof-text" aria-live="polite" data-testid="proof-text">
        {text}
      </p>
    </div>
  );
}
