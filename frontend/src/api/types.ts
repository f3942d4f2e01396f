export type Role = 'customer' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Session {
  user: User;
  token: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Wallet {
  balance: number;
  currency: string;
}

export type EntryKind = 'TOP_UP' | 'PURCHASE' | 'REFUND';

export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  amount: number;
  balanceAfter: number;
  purchaseId?: string | null;
  createdAt: string;
}

export interface TicketEvent {
  id: string;
  name: string;
  venue: string;
  startsAt: string;
  price: number;
  capacity: number;
  seatsLeft: number;
}

export type PurchaseStatus = 'AWAITING_PROOF' | 'PAID' | 'TICKET_READY' | 'EXPIRED' | 'REJECTED';

export interface Challenge {
  challengeId: string;
  challengeHash: string;
  solved: boolean;
}

export interface Purchase {
  id: string;
  eventId: string;
  quantity: number;
  amount: number;
  status: PurchaseStatus;
  depositToken: string;
  challenges: Challenge[];
  solvedChallenges: number;
  totalChallenges: number;
  ticketUrl?: string | null;
  /** Extensions beyond API.md's core shape; shown when the server sends them. */
  eventName?: string;
  ticketCode?: string;
  ticketError?: string;
  expiresAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkerStatus {
  available: boolean;
  workers: number;
  queuedTasks?: number | null;
  solveRate?: number;
  expectedWaitSeconds?: number | null;
  reason?: string | null;
}

/** `POST /api/tickets/verify`; holder and event are shown whether they come as text or objects. */
export interface VerifyResult {
  valid: boolean;
  purchaseId?: string;
  event?: unknown;
  holder?: unknown;
  quantity?: number;
  ticketCode?: string;
  checkedInAt?: string;
  firstCheckIn: boolean;
  [more: string]: unknown;
}
