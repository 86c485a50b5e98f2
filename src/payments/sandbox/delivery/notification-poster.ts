import { Injectable } from '@nestjs/common';
import type { BuiltNotification } from '../../wechatpay/notification';

/** WeChat Pay waits 5 s for the merchant's answer before counting the attempt as failed. */
export const NOTIFY_TIMEOUT_MS = 5_000;

export type PostOutcome =
  { acknowledged: true; status: number } | { acknowledged: false; status: number | null; error: string };

/** POSTs a notification's exact bytes over real HTTP, as WeChat Pay does. Never throws: every failure is an outcome. */
@Injectable()
export class NotificationPoster {
  async post(url: string, notification: BuiltNotification): Promise<PostOutcome> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...notification.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: notification.body,
        signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
      });
      // Read the answer to the end so the connection is released, within the same timeout.
      const text = await response.text();
      if (response.ok) return { acknowledged: true, status: response.status };
      return { acknowledged: false, status: response.status, error: `HTTP ${response.status}: ${text.slice(0, 500)}` };
    } catch (error) {
      return { acknowledged: false, status: null, error: describe(error) };
    }
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Read by shape, not instanceof: fetch's errors (and AbortSignal.timeout's DOMException) may come from another
 * realm, where `instanceof Error` is false.
 */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, cause } = error as ErrorLike;
  if (name === 'TimeoutError') return `no answer within ${NOTIFY_TIMEOUT_MS} ms`;
  // fetch reports network failures as "fetch failed", with the reason (ECONNREFUSED …) in `cause`.
  const reason = typeof cause === 'object' && cause !== null ? (cause as ErrorLike).message : undefined;
  return `${String(message ?? error)}${typeof reason === 'string' ? `: ${reason}` : ''}`;
}
