interface ErrorLike {
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Why a `fetch` with `AbortSignal.timeout(timeoutMs)` failed, in one line without the URL (it may carry a secret).
 * Read by shape, not instanceof: fetch's errors (and AbortSignal.timeout's DOMException) may come from another
 * realm, where `instanceof Error` is false.
 */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, cause } = error as ErrorLike;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch reports network failures as "fetch failed", with the reason (ECONNREFUSED …) in `cause`.
  const reason = typeof cause === 'object' && cause !== null ? (cause as ErrorLike).message : undefined;
  return `${String(message ?? error)}${typeof reason === 'string' ? `: ${reason}` : ''}`;
}
