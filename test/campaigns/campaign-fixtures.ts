import type { TestMerchant } from '../support/fixtures';
import type { TestApp } from '../support/test-app';

export type Kind = 'coupon-templates' | 'flash-sales' | 'group-buys' | 'lucky-draws' | 'rebate-rules';

/** The merchant-operations routes of one campaign kind, as a merchant calls them. */
export function campaignsOf(app: TestApp, merchant: TestMerchant, kind: Kind) {
  const base = `/v1/merchant/${kind}`;
  const token = merchant.apiKey;
  return {
    get: (id: string) => app.http.get(`${base}/${id}`, { token }),
    list: (query = '') => app.http.get(`${base}${query}`, { token }),
    patch: (id: string, body: Record<string, unknown>) => app.http.request('PATCH', `${base}/${id}`, { token, body }),
    end: (id: string, idempotencyKey?: string) => app.http.post(`${base}/${id}/end`, { token, idempotencyKey }),
    timeline: (id: string, bucket: string) => app.http.get(`${base}/${id}/timeline?bucket=${bucket}`, { token }),
  };
}

/** Polls `check` until it returns true, at most `withinMs`; the time it took. */
export async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
