import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ProofProgress } from './ProofProgress';
import { isFinal, StatusBadge, statusLabel } from './StatusBadge';
import type { PurchaseStatus } from '../api/types';

describe('status badge', () => {
  it.each([
    ['AWAITING_PROOF', 'Proving payment', 'badge-pending'],
    ['PAID', 'Paid · preparing ticket', 'badge-info'],
    ['TICKET_READY', 'Ticket ready', 'badge-success'],
    ['EXPIRED', 'Expired · refunded', 'badge-muted'],
    ['REJECTED', 'Rejected', 'badge-danger'],
  ] as [PurchaseStatus, string, string][])('%s reads %j', (status, label, tone) => {
    render(<StatusBadge status={status} />);
    expect(screen.getByText(label)).toHaveClass('badge', tone);
    expect(statusLabel(status)).toBe(label);
  });

  it('knows which statuses end the live stream', () => {
    expect(isFinal('AWAITING_PROOF')).toBe(false);
    expect(isFinal('PAID')).toBe(false);
    expect(isFinal('TICKET_READY')).toBe(true);
    expect(isFinal('EXPIRED')).toBe(true);
    expect(isFinal('REJECTED')).toBe(true);
  });
});

describe('proof progress bar', () => {
  it('shows solved of total while proving', () => {
    render(<ProofProgress purchase={{ status: 'AWAITING_PROOF', solvedChallenges: 1, totalChallenges: 3 }} />);
    const bar = screen.getByRole('progressbar', { name: 'Payment proof' });
    expect(bar).toHaveAttribute('aria-valuenow', '1');
    expect(bar).toHaveAttribute('aria-valuemax', '3');
    expect(bar.firstElementChild).toHaveStyle({ width: '33%' });
    expect(screen.getByText('Proving payment: 1 of 3 challenges solved.')).toBeInTheDocument();
  });

  it('is full once paid, and announces it', () => {
    render(<ProofProgress purchase={{ status: 'PAID', solvedChallenges: 2, totalChallenges: 3 }} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar.firstElementChild).toHaveStyle({ width: '100%' });
    expect(screen.getByText('Payment proven: 3 of 3 challenges solved.')).toHaveAttribute('aria-live', 'polite');
  });

  it('says an expired purchase was refunded', () => {
    render(<ProofProgress purchase={{ status: 'EXPIRED', solvedChallenges: 1, totalChallenges: 3 }} />);
    expect(screen.getByText(/Not proven in time: 1 of 3 .* refunded/)).toBeInTheDocument();
  });

  it('never runs past the end on odd counts', () => {
    render(<ProofProgress purchase={{ status: 'AWAITING_PROOF', solvedChallenges: 5, totalChallenges: 3 }} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');
  });
});
