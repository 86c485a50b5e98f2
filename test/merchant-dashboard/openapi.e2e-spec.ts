import { startTestApp, TestApp } from '../support/test-app';

/** The dashboard and fulfilment routes, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/dashboard', [400, 401, 403]],
  ['GET', '/v1/merchant/lucky-draws/{id}/fulfilments', [400, 401, 403, 404]],
  ['POST', '/v1/merchant/lucky-draws/{id}/fulfilments/{drawId}', [400, 401, 403, 404, 409]],
];

describe('OpenAPI for the merchant dashboard and lucky-draw fulfilment', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.http.get('/docs-json')).body;
  });
  afterAll(() => app.close());

  /** A schema by its $ref, also when a description wraps the $ref in `allOf`. */
  const resolve = (schema: any): any => {
    if (schema?.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  };
  const successOf = (operation: any) => {
    const [status, response] = Object.entries(operation.responses).find(([code]) => Number(code) < 300)! as any;
    return { status, schema: resolve(response.content['application/json'].schema) };
  };

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(successOf(operation).status).toBe('200');
    for (const status of errors) {
      const response = operation.responses[String(status)];
      expect({ status, described: response !== undefined }).toEqual({ status, described: true });
      expect(resolve(response.content['application/json'].schema).properties.error).toBeDefined();
      expect(response.description).toMatch(/^[A-Z_]+(, [A-Z_]+)*$/);
    }
    const inPath = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: any) => p.name);
    expect(inPath).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
  });

  it('dashboard: from/to, the figures, byKind per order kind and per campaign kind', () => {
    const operation = document.paths['/v1/merchant/dashboard'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
    const body = successOf(operation).schema;
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining([
        'ordersPaid',
        'revenueFen',
        'discountFen',
        'refundedFen',
        'rebatesPaidFen',
        'activeCampaigns',
        'byKind',
      ]),
    );
    const byKind = resolve(body.properties.byKind);
    expect(Object.keys(resolve(byKind.properties.orders).properties)).toEqual(['standard', 'flash_sale', 'group_buy']);
    expect(Object.keys(resolve(byKind.properties.activeCampaigns).properties)).toEqual([
      'coupon-templates',
      'flash-sales',
      'group-buys',
      'lucky-draws',
      'rebate-rules',
    ]);
  });

  it('fulfilments: ?status=pending|shipped, the fulfilment view, FULFILMENT_ALREADY_SHIPPED on 409', () => {
    const list = document.paths['/v1/merchant/lucky-draws/{id}/fulfilments'].get;
    const status = list.parameters.find((p: { name: string }) => p.name === 'status');
    expect(status.schema.enum).toEqual(['pending', 'shipped']);
    const item = resolve(successOf(list).schema.properties.items.items);
    expect(Object.keys(item.properties)).toEqual(
      expect.arrayContaining(['drawId', 'shopperId', 'prize', 'status', 'note']),
    );
    const post = document.paths['/v1/merchant/lucky-draws/{id}/fulfilments/{drawId}'].post;
    expect(post.responses['409'].description).toContain('FULFILMENT_ALREADY_SHIPPED');
    expect(resolve(post.requestBody.content['application/json'].schema).required).toEqual(['status']);
  });
});
