import { OpenApi } from '../support/openapi';

/** What only flash sales have; every kind's routes, errors and parameters are checked in openapi.e2e-spec.ts. */
describe('OpenAPI for the flash-sale campaign-operations routes', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it("the merchant view carries the shoppers' saleStatus beside the campaign status", () => {
    const view = api.properties(api.successBody(api.operation('GET', '/v1/merchant/flash-sales/{id}')));
    expect(view.status.enum).toEqual(['scheduled', 'active', 'ended']);
    expect(view.saleStatus.enum).toEqual(['upcoming', 'active', 'sold_out', 'ended']);
  });

  it('PATCH takes the creation fields, none required, and documents both stock refusals; the timeline its counters', () => {
    const patch = api.document.paths['/v1/merchant/flash-sales/{id}'].patch;
    const body = api.resolve(patch.requestBody.content['application/json'].schema);
    expect(Object.keys(api.properties(body)).sort()).toEqual([
      'endsAt',
      'paymentWindowSeconds',
      'perUserLimit',
      'priceFen',
      'productId',
      'startsAt',
      'totalStock',
    ]);
    expect(body.required ?? []).toEqual([]);
    expect(patch.responses['409'].description).toBe('CAMPAIGN_LOCKED, CAMPAIGN_STOCK_BELOW_TAKEN');
    const timeline = api.document.paths['/v1/merchant/flash-sales/{id}/timeline'].get;
    const buckets = api.successBody(timeline).properties.buckets;
    expect(Object.keys(api.resolve(buckets.items).properties).sort()).toEqual([
      'at',
      'discountFen',
      'paid',
      'purchases',
      'revenueFen',
    ]);
  });
});
