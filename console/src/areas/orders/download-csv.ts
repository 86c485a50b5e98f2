import { apiErrorOf } from '../../api/api-error';
import { queryString } from '../../api/client';
import { session } from '../../session/session-store';

/**
 * Fetches the orders export with the session's bearer (a plain link could not send it) and hands it to the
 * browser as a file download named orders.csv. Refusals throw as ApiError, like every other call.
 */
export async function downloadOrdersCsv(range: { from?: string; to?: string }): Promise<void> {
  const token = session.current()?.token;
  const response = await fetch(`/v1/merchant/orders.csv${queryString(range)}`, {
    headers: { Accept: 'text/csv', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) throw await apiErrorOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'orders.csv';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns: free it only once the download surely has it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
