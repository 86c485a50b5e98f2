import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every method + path of ../shared/API.md, section by section, with Express-style `:param`s as the contract
 * writes them. The OpenAPI document must describe all of them (API.md: "The OpenAPI document the service serves
 * at /docs-json must describe all of them").
 */
const CONTRACT: Record<string, Array<[method: string, path: string]>> = {
  'platform, auth and health': [
    ['GET', '/health/live'],
    ['GET', '/health/ready'],
    ['POST', '/v1/merchants'],
    ['POST', '/v1/auth/wechat-login'],
  ],
  products: [
    ['POST', '/v1/merchant/products'],
    ['GET', '/v1/merchant/products'],
    ['GET', '/v1/products/:id'],
  ],
  'orders and payments': [
    ['POST', '/v1/orders'],
    ['GET', '/v1/orders/:id'],
    ['GET', '/v1/me/orders'],
    ['POST', '/v1/orders/:id/cancel'],
    ['POST', '/v1/merchant/orders/:id/refunds'],
    ['POST', '/v1/payments/wechat/notify'],
  ],
  sandbox: [
    ['POST', '/v1/sandbox/payments/:outTradeNo/pay'],
    ['GET', '/v1/sandbox/keys'],
  ],
  coupons: [
    ['POST', '/v1/merchant/coupon-templates'],
    ['GET', '/v1/merchant/coupon-templates/:id'],
    ['POST', '/v1/merchant/coupon-templates/:id/codes'],
    ['GET', '/v1/coupon-templates'],
    ['POST', '/v1/coupon-templates/:id/claim'],
    ['POST', '/v1/coupons/redeem-code'],
    ['GET', '/v1/me/coupons'],
    ['POST', '/v1/coupons/quote'],
  ],
  'flash sales': [
    ['POST', '/v1/merchant/flash-sales'],
    ['GET', '/v1/merchant/flash-sales/:id'],
    ['GET', '/v1/flash-sales/:id'],
    ['POST', '/v1/flash-sales/:id/purchase'],
    ['GET', '/v1/flash-sales/reservations/:id'],
  ],
  'group-buy': [
    ['POST', '/v1/merchant/group-buys'],
    ['GET', '/v1/merchant/group-buys/:id'],
    ['GET', '/v1/group-buys/:id'],
    ['POST', '/v1/group-buys/:id/rooms'],
    ['GET', '/v1/group-rooms/:id'],
    ['GET', '/v1/group-rooms/by-share/:shareToken'],
    ['GET', '/v1/group-rooms/:id/qrcode'],
    ['POST', '/v1/group-rooms/:id/join'],
  ],
  'lucky draws': [
    ['POST', '/v1/merchant/lucky-draws'],
    ['GET', '/v1/merchant/lucky-draws/:id'],
    ['POST', '/v1/lucky-draws/:id/shares'],
    ['GET', '/v1/lucky-draws/:id'],
    ['POST', '/v1/lucky-draws/:id/draws'],
    ['GET', '/v1/lucky-draws/:id/me'],
  ],
  'rebates and transfers': [
    ['POST', '/v1/merchant/rebate-rules'],
    ['GET', '/v1/me/rebates'],
    ['GET', '/v1/me/transfers'],
  ],
};

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
const pathParameters = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);

describe('the OpenAPI document at /docs-json', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    const response = await app.http.get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(() => app.close());

  it('is OpenAPI 3', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(typeof document.paths).toBe('object');
  });

  describe.each(Object.entries(CONTRACT))('describes every endpoint of API.md: %s', (_section, endpoints) => {
    it.each(endpoints)('%s %s, with its path parameters', (method, path) => {
      const operation = document.paths[openApiPath(path)]?.[method.toLowerCase()];
      expect({ method, path: openApiPath(path), described: operation !== undefined }).toEqual({
        method,
        path: openApiPath(path),
        described: true,
      });
      const declared = (operation.parameters ?? [])
        .filter((parameter: { in: string }) => parameter.in === 'path')
        .map((parameter: { name: string }) => parameter.name)
        .sort();
      expect(declared).toEqual(pathParameters(path).sort());
      expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    });
  });

  it('uses {param} templates, never Express-style :param paths', () => {
    expect(Object.keys(document.paths).filter((path) => path.includes(':'))).toEqual([]);
  });

  it('is browsable at /docs: the Swagger UI page and the files it loads (served by @fastify/static)', async () => {
    const page = await app.http.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const stylesheet = /href="([^"]*swagger-ui\.css)"/.exec(page.text)?.[1];
    expect(stylesheet).toBeDefined();
    const asset = await app.http.get(new URL(stylesheet!, `${app.url}/docs`).pathname);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
    expect(asset.text).toContain('.swagger-ui');
  });
});
