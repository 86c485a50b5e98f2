import { randomUUID } from 'node:crypto';
import { ShopperTokens } from '../../src/platform/auth/shopper-tokens';
import { TEST_ADMIN_TOKEN, TestApp } from './test-app';

export interface TestMerchant {
  id: string;
  apiKey: string;
}

export interface TestShopper {
  id: string;
  openid: string;
  token: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${process.pid}_${Date.now().toString(36)}_${counter++}`;

export async function createMerchant(app: TestApp, name = 'Test merchant'): Promise<TestMerchant> {
  const response = await app.http.post('/v1/merchants', { token: TEST_ADMIN_TOKEN, body: { name } });
  if (response.status !== 201) throw new Error(`creating a merchant: ${response.status} ${response.text}`);
  return { id: response.body.id, apiKey: response.body.apiKey };
}

export async function loginShopper(app: TestApp, openid = unique('o')): Promise<TestShopper> {
  const response = await app.http.post('/v1/auth/wechat-login', { body: { code: `sandbox:${openid}` } });
  if (response.status !== 200) throw new Error(`logging in: ${response.status} ${response.text}`);
  return { id: response.body.user.id, openid, token: response.body.token };
}

/**
 * `count` shoppers as a login leaves them (a shoppers row, a session token from the service's own ShopperTokens),
 * written in one INSERT instead of `count` HTTP logins: for tests about what shoppers do next, not about logging in
 * (test/platform/auth.e2e-spec.ts and wechat-login.e2e-spec.ts cover that). Openids are `${prefix}_${i}`.
 */
export async function mintShoppers(app: TestApp, count: number, prefix = unique('m')): Promise<TestShopper[]> {
  const openids = Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
  const rows = await app.db.query<{ id: string; openid: string }>(
    `INSERT INTO shoppers (id, openid, created_at, last_login_at)
     SELECT id, openid, $3, $3 FROM unnest($1::uuid[], $2::text[]) AS minted(id, openid)
     RETURNING id, openid`,
    [openids.map(() => randomUUID()), openids, app.clock.now()],
  );
  const ids = new Map(rows.map((row) => [row.openid, row.id]));
  const tokens = app.app.get(ShopperTokens);
  return openids.map((openid) => {
    const id = ids.get(openid)!;
    return { id, openid, token: tokens.issue({ userId: id, openid }).token };
  });
}

export async function createProduct(
  app: TestApp,
  merchant: TestMerchant,
  fields: { sku?: string; name?: string; priceFen?: number } = {},
): Promise<{ id: string; sku: string; priceFen: number }> {
  const body = {
    sku: fields.sku ?? unique('SKU-'),
    name: fields.name ?? 'Test product',
    priceFen: fields.priceFen ?? 10_000,
  };
  const response = await app.http.post('/v1/merchant/products', { token: merchant.apiKey, body });
  if (response.status !== 201) throw new Error(`creating a product: ${response.status} ${response.text}`);
  return response.body;
}

export function expectError(response: { status: number; body: any }, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(typeof response.body.error.message).toBe('string');
  expect(Object.keys(response.body)).toEqual(['error']);
}
