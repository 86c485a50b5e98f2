import { OpenApi } from '../support/openapi';

/** The order and refund routes for merchants (and the shopper's order), with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/orders', [400, 401, 403]],
  ['GET', '/v1/merchant/orders.csv', [400, 401, 403]],
  ['GET', '/v1/merchant/orders/{id}', [401, 403, 404]],
  ['POST', '/v1/merchant/orders/{id}/refunds', [400, 401, 403, 404, 409]],
  ['GET', '/v1/merchant/refunds/{id}', [401, 403, 404]],
  ['GET', '/v1/orders/{id}', [401, 403, 404, 503]],
];

const REFUND_FIELDS = ['amountFen', 'createdAt', 'giftCardFen', 'id', 'outRefundNo', 'reason', 'status', 'succeededAt'];

describe('OpenAPI for the merchant order and refund routes', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it('documents the list filters, the CSV range and its media type', () => {
    const names = (path: string) => api.document.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names('/v1/merchant/orders')).toEqual(['cursor', 'from', 'kind', 'limit', 'status', 'to']);
    expect(names('/v1/merchant/orders.csv')).toEqual(['from', 'to']);
    expect(Object.keys(api.successOf(api.operation('GET', '/v1/merchant/orders.csv')).content)).toEqual(['text/csv']);
  });

  it('documents shopperId on the merchant views, refunds on both order views, and the refund', () => {
    const page = api.properties(api.successBody(api.operation('GET', '/v1/merchant/orders')));
    const listed = api.properties(page.items.items);
    expect(listed.shopperId).toBeDefined();
    expect(Object.keys(listed).some((name) => /openid/i.test(name))).toBe(false);
    for (const path of ['/v1/merchant/orders/{id}', '/v1/orders/{id}']) {
      const order = api.properties(api.successBody(api.operation('GET', path)));
      expect(Object.keys(api.properties(order.refunds.items)).sort()).toEqual(REFUND_FIELDS);
    }
    const refund = api.properties(api.successBody(api.operation('GET', '/v1/merchant/refunds/{id}')));
    expect(Object.keys(refund).sort()).toEqual([...REFUND_FIELDS, 'failReason', 'orderId'].sort());
  });
});
