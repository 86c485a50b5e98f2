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
