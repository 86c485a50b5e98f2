import { HttpResponse } from '../support/http-client';
import { TestMerchant, TestShopper } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

/** The gate variants a file runs against: Redis when this run has one, and always the Postgres adapter. */
export const GATE_MODES: Array<'redis' | 'postgres'> =
  testEnvironment().redisUrl !== null ? ['redis', 'postgres'] : ['postgres'];

/** GATE_MODES plus the Redis gate on the local Redis Cluster, when this run has one (the cluster variants). */
export type GateMode = 'redis' | 'redis cluster' | 'postgres';
export const GATE_MODES_AND_CLUSTER: GateMode[] = [
  ...GATE_MODES,
  ...(testEnvironment().redisClusterNodes !== null ? (['redis cluster'] as const) : []),
];

/** startTestApp's `redis` option for a gate mode. */
export const redisOf = (mode: GateMode): boolean | 'cluster' =>
  mode === 'redis cluster' ? 'cluster' : mode === 'redis';

/** A sale's gate keys share the hash tag {fs:<id>}: one key stands for all of them in slot questions. */
export const saleKey = (app: TestApp, saleId: string): string => `${app.redisKeyPrefix}{fs:${saleId}}:stock`;

export interface SaleFields {
  priceFen?: number;
  totalStock?: number;
  perUserLimit?: number;
  startsAt?: Date;
  endsAt?: Date;
  paymentWindowSeconds?: number;
}

export async function createSale(
  app: TestApp,
  merchant: TestMerchant,
  productId: string,
  fields: SaleFields = {},
): Promise<any> {
  const now = app.clock.now().getTime();
  const body = {
    productId,
    priceFen: fields.priceFen ?? 990,
    totalStock: fields.totalStock ?? 50,
    perUserLimit: fields.perUserLimit ?? 1,
    startsAt: (fields.startsAt ?? new Date(now - 1000)).toISOString(),
    endsAt: (fields.endsAt ?? new Date(now + 24 * 3600 * 1000)).toISOString(),
    paymentWindowSeconds: fields.paymentWindowSeconds ?? 120,
  };
  const response = await app.http.post('/v1/merchant/flash-sales', { token: merchant.apiKey, body });
  if (response.status !== 201) throw new Error(`creating a flash sale: ${response.status} ${response.text}`);
  return response.body;
}

export function purchase(
  app: TestApp,
  shopper: TestShopper,
  saleId: string,
  options: { quantity?: number; idempotencyKey?: string } = {},
): Promise<HttpResponse> {
  return app.http.post(`/v1/flash-sales/${saleId}/purchase`, {
    token: shopper.token,
    body: options.quantity === undefined ? {} : { quantity: options.quantity },
    idempotencyKey: options.idempotencyKey,
  });
}

/** Logs in `count` distinct shoppers, 25 at a time. */
/** Shoppers for a stampede, minted (test/support/fixtures.ts), not logged in one HTTP call each. */
export { mintShoppers } from '../support/fixtures';

/** Lets the consumer write what the Redis gate accepted (a no-op on the Postgres adapter). */
export async function persistReservations(app: TestApp): Promise<void> {
  if (app.redisKeyPrefix !== null) await runJobs(app, 'flash-sale.persist');
}

export interface Attempt {
  shopper: TestShopper;
  response: HttpResponse;
}

/** Every shopper tries `perShopper` times, all at once. */
export async function stampede(app: TestApp, shoppers: TestShopper[], saleId: string, perShopper: number) {
  const attempts = shoppers.flatMap((shopper) => Array.from({ length: perShopper }, () => shopper));
  return Promise.all(
    attempts.map(async (shopper): Promise<Attempt> => ({ shopper, response: await purchase(app, shopper, saleId) })),
  );
}

export const accepted = (attempts: Attempt[]) => attempts.filter((a) => a.response.status === 202);

/** Polls until `done` holds (or the time is up) and returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
