import { withErrorResponses } from './operation-errors';

const ok = { 200: { description: 'OK' } };
const codesOf = (operation: { responses: Record<string, { description?: string }> }) =>
  Object.fromEntries(
    Object.entries(operation.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, response]) => [status, response.description]),
  );

describe('withErrorResponses', () => {
  it('a public GET without parameters can only fail on our side or while the instance shuts down', () => {
    const operation = withErrorResponses('get', '/health/live', { responses: ok }, undefined);
    expect(codesOf(operation)).toEqual({ 500: 'INTERNAL', 503: 'SERVICE_UNAVAILABLE' });
    expect(operation.security).toEqual([]);
  });

  it("a shopper POST inherits its guard's, its body's, its path id's, the rate limit's and Idempotency-Key's codes", () => {
    const operation = withErrorResponses(
      'post',
      '/v1/coupon-templates/{id}/claim',
      {
        security: [{ shopper: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true },
          { name: 'Idempotency-Key', in: 'header' },
        ],
        responses: { 201: { description: 'Created' }, 409: { description: 'COUPON_SOLD_OUT, COUPON_LIMIT_REACHED' } },
      },
      { throttled: true, idempotent: true },
    );
    expect(codesOf(operation)).toEqual({
      400: 'VALIDATION_FAILED',
      401: 'UNAUTHENTICATED',
      403: 'FORBIDDEN',
      404: 'NOT_FOUND',
      409: 'IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, COUPON_SOLD_OUT, COUPON_LIMIT_REACHED',
      413: 'PAYLOAD_TOO_LARGE',
      415: 'UNSUPPORTED_MEDIA_TYPE',
      429: 'RATE_LIMITED',
      500: 'INTERNAL',
      503: 'SERVICE_UNAVAILABLE',
    });
    expect(operation.responses['409']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(operation.parameters?.[1]).toMatchObject({ schema: { type: 'string', minLength: 1, maxLength: 255 } });
  });

  it('keeps the codes a free-text description names, moved to the status each code answers with', () => {
    const operation = withErrorResponses(
      'post',
      '/v1/sandbox/payments/{outTradeNo}/pay',
      {
        responses: {
          202: { description: 'Accepted' },
          404: { description: 'ORDER_NOT_EXIST: no such out_trade_no at the provider' },
          409: { description: 'ORDER_CLOSED (closed or past time_expire) or ORDER_PAID' },
        },
      },
      { throttled: false, idempotent: false },
    );
    expect(codesOf(operation)).toMatchObject({ 404: 'ORDER_NOT_EXIST', 409: 'ORDER_CLOSED, ORDER_PAID' });
    expect(Object.keys(operation.responses)).not.toContain('429');
  });

  it('refuses a 409 that names no code: a route documents its conflicts by name', () => {
    const conflict = { responses: { 201: { description: 'Created' }, 409: { description: 'Conflict' } } };
    expect(() => withErrorResponses('post', '/v1/things', conflict, undefined)).toThrow(
      'POST /v1/things documents a 409 without naming its error codes',
    );
  });
});
