import { Injectable } from '@nestjs/common';
import { describeFetchFailure } from '../../../platform/http/fetch-failure';
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
      return { acknowledged: false, status: null, error: describeFetchFailure(error, NOTIFY_TIMEOUT_MS) };
    }
  }
}
