import { OpenApi } from '../support/openapi';

/** The gift card routes, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['POST', '/v1/merchant/gift-card-products', [400, 401, 403, 409]],
  ['GET', '/v1/merchant/gift-card-products', [400, 401, 403]],
  ['POST', '/v1/merchant/gift-card-products/{id}/codes', [400, 401, 403, 404, 409]],
  ['GET', '/v1/merchant/gift-cards/liability', [401, 403]],
  ['GET', '/v1/gift-card-products', [400]],
  ['POST', '/v1/gift-cards/purchase', [400, 404, 503]],
  ['GET', '/v1/me/gift-cards', [400]],
  ['GET', '/v1/me/gift-cards/{id}', [404]],
  ['GET', '/v1/me/gift-cards/{id}/transactions', [400, 404]],
  ['POST', '/v1/gift-cards/{id}/gift', [400, 404, 409]],
  ['POST', '/v1/gift-cards/claim', [400, 403, 404, 409]],
  ['POST', '/v1/gift-cards/redeem-code', [400, 404, 429]],
];

describe('OpenAPI for gift cards', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it('POST /v1/orders takes giftCardIds and answers giftCardFen; GIFT_CARD_NOT_USABLE on its 409', () => {
    const operation = api.document.paths['/v1/orders'].post;
    const body = api.resolve(operation.requestBody.content['application/json'].schema);
    expect(body.properties.giftCardIds).toMatchObject({ type: 'array', maxItems: 10 });
    expect(Object.keys(api.successBody(operation).properties)).toEqual(
      expect.arrayContaining(['giftCardFen', 'totalFen']),
    );
    expect(JSON.stringify(operation.responses['409'])).toContain('GIFT_CARD_NOT_USABLE');
  });

  it('a refund names GIFT_CARD_ORDER_NOT_REFUNDABLE on its 409 (a gift_card order takes back whole untouched cards)', () => {
    const operation = api.document.paths['/v1/merchant/orders/{id}/refunds'].post;
    expect(JSON.stringify(operation.responses['409'])).toContain('GIFT_CARD_ORDER_NOT_REFUNDABLE');
  });

  it('the liability report has the five figures of the identity', () => {
    const operation = api.document.paths['/v1/merchant/gift-cards/liability'].get;
    expect(Object.keys(api.successBody(operation).properties).sort()).toEqual(
      ['expiredFen', 'issuedFen', 'outstandingFen', 'redeemedFen', 'refundedToCardsFen'].sort(),
    );
  });
});
