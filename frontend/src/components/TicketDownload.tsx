import { useState } from 'react';
import { ApiError, apiUrl, authHeaders, readJson } from '../api/client';
import { describeError } from '../api/errors';
import type { Purchase } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { FormError } from './Field';

/**
 * `GET /api/purchases/{id}/ticket` needs the bearer token, which a plain link cannot send. So the
 * button fetches it with the token; fetch follows the redirect to the ticket's public link (it
 * drops the Authorization header if that link is on another origin) and the PDF is saved from
 * a blob. If the browser cannot read the other origin (no CORS on the bucket), the purchase's
 * own public `ticketUrl` is opened instead: it needs no token.
 */
export async function fetchTicket(purchaseId: string, token: string | null): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(apiUrl(`/api/purchases/${encodeURIComponent(purchaseId)}/ticket`), { headers: authHeaders(token) });
  } catch {
    throw new ApiError(0, 'network_error', 'The ticket could not be fetched.');
  }
  if (!response.ok) await readJson(response, Boolean(token));
  return response.blob();
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function TicketDownload({ purchase }: { purchase: Purchase }) {
  const { token } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      save(await fetchTicket(purchase.id, token), `tixproof-ticket-${purchase.id}.pdf`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'network_error' && purchase.ticketUrl) {
        window.location.assign(purchase.ticketUrl);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ticket-download">
      <button type="button" className="button primary large" onClick={download} disabled={busy}>
        {busy ? 'Preparing download…' : 'Download ticket (PDF)'}
      </button>
      <FormError message={error ? describeError(error, 'ticket') : null} />
    </div>
  );
}
