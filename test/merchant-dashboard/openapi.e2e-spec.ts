import { OpenApi } from '../support/openapi';

/** The dashboard and fulfilment routes, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/dashboard', [400, 401, 403]],
  ['GET', '/v1/merchant/dashboard/daily', [400, 401, 403]],
  ['GET', '/v1/merchant/lucky-draws/{id}/fulfilments', [400, 401, 403, 404]],
  ['POST', '/v1/merchant/lucky-draws/{id}/fulfilments/{drawId}', [400, 401, 403, 404, 409]],
];

describe('OpenAPI for the merchant dashboard and lucky-draw fulfilment', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it('dashboard: from/to, the figures, byKind per order kind and per campaign kind', () => {
    const operation = api.document.paths['/v1/merchant/dashboard'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
    const body = api.successBody(operation);
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
    const byKind = api.resolve(body.properties.byKind);
    expect(Object.keys(api.resolve(byKind.properties.orders).properties)).toEqual([
      'standard',
      'flash_sale',
      'group_buy',
      'gift_card',
    ]);
    expect(Object.keys(api.resolve(byKind.properties.activeCampaigns).properties)).toEqual([
      'coupon-templates',
      'flash-sales',
      'group-buys',
      'lucky-draws',
      'rebate-rules',
    ]);
  });

  it('fulfilments: ?status=pending|shipped, the fulfilment view, FULFILMENT_ALREADY_SHIPPED on 409', () => {
    const list = api.document.paths['/v1/merchant/lucky-draws/{id}/fulfilments'].get;
    const status = list.parameters.find((p: { name: string }) => p.name === 'status');
    expect(status.schema.enum).toEqual(['pending', 'shipped']);
    const item = api.resolve(api.successBody(list).properties.items.items);
    expect(Object.keys(item.properties)).toEqual(
      expect.arrayContaining(['drawId', 'shopperId', 'prize', 'status', 'note']),
    );
    const post = api.document.paths['/v1/merchant/lucky-draws/{id}/fulfilments/{drawId}'].post;
    expect(post.responses['409'].description).toContain('FULFILMENT_ALREADY_SHIPPED');
    expect(api.resolve(post.requestBody.content['application/json'].schema).required).toEqual(['status']);
  });
});
