import { ApiError } from './client';

/** What the person was doing, so the same code reads right where it is shown. */
export type ErrorContext =
  | 'login'
  | 'register'
  | 'topUp'
  | 'buy'
  | 'ticket'
  | 'createEvent'
  | 'verify'
  | 'load';

/**
 * The words shown next to whatever caused an API error, for every code of API.md. Where the
 * server's own message says more (which field was out of range), it is kept after ours.
 */
export function describeError(error: unknown, context: ErrorContext): string {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong in the page. Reload and try again.';
  }
  const detail = error.message ? ` (${error.message})` : '';
  switch (error.code) {
    case 'network_error':
      return 'Could not reach the server. Check your connection and try again.';
    case 'invalid_request':
      if (context === 'topUp') return `Bad amount: the server refused it${detail}.`;
      if (context === 'buy') return `That quantity cannot be bought${detail}.`;
      if (context === 'verify') return `That is not a ticket token${detail}.`;
      return `Please check the form${detail}.`;
    case 'idempotency_key_required':
      return 'The request was sent without its safety key. Reload the page and try again.';
    case 'unauthorized':
      if (context === 'login') return 'Wrong e-mail or password.';
      return 'Your session has ended. Please log in again.';
    case 'forbidden':
      return 'This needs an admin account.';
    case 'not_found':
      if (context === 'buy') return 'This event no longer exists.';
      if (context === 'ticket') return 'This purchase was not found in your account.';
      return 'Not found: it does not exist, or it is not yours.';
    case 'insufficient_funds':
      return 'Insufficient funds: your wallet balance is too low for this purchase. Top up your wallet and try again.';
    case 'sold_out':
      return 'Sold out: there are not enough seats left for this quantity.';
    case 'email_taken':
      return 'An account with this e-mail already exists. Log in instead.';
    case 'invalid_state':
      if (context === 'ticket') return 'The ticket is not ready yet. It appears here as soon as it is.';
      return `This cannot be done in the current state${detail}.`;
    case 'payload_too_large':
      return 'That is too much text to send (over 64 KiB).';
    case 'idempotency_key_reused':
      return 'This request clashed with an earlier one. Nothing was charged twice; please try again.';
    case 'wrong_solution':
      return 'The payment proof was not accepted.';
    case 'rate_limited':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'unsupported_media_type':
    case 'method_not_allowed':
      return `The page sent a request the server does not accept${detail}. Reload and try again.`;
    default:
      if (error.status >= 500) return `The server had a problem (${error.status}). Please try again in a moment.`;
      return `The request failed (${error.status})${detail}.`;
  }
}
