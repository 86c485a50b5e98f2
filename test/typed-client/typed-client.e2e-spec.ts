import { ERROR_STATUS } from '../../src/platform/errors/error-codes';
import { createTemplate } from '../coupons/coupon-fixtures';
import { createMerchant } from '../support/fixtures';
import { OpenApi } from '../support/openapi';
import { startTestApp, TestApp } from '../support/test-app';
import { compileAgainst } from './compile-client';
import { loginAndClaimTwice } from './mini-program';

/** A copy of the document in which no operation documents an error: what a client saw before issue 17. */
function withoutErrors(document: any): any {
  const copy = structuredClone(document);
  for (const operations of Object.values<any>(copy.paths)) {
    for (const operation of Object.values<any>(operations)) {
      for (const status of Object.keys(operation.responses ?? {}))
        if (Number(status) >= 400) delete operation.responses[status];
    }
  }
  return copy;
}

describe('a client generated from /docs-json with openapi-typescript, used with openapi-fetch', () => {
  let app: TestApp;
  let api: OpenApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = await OpenApi.of(app);
  });
  afterAll(() => app.close());

  it('types error.error.code: the mini-program compiles against the served document', () => {
    expect(compileAgainst(api.document)).toEqual([]);
  });

  it('would not compile if errors were untyped or their code any string (the check bites)', () => {
    const untyped = compileAgainst(withoutErrors(api.document));
    expect(untyped.join('\n')).toMatch(/mini-program\.ts:\d+: Property 'error' does not exist on type 'never'/);

    const stringly = structuredClone(api.document);
    stringly.components.schemas.ErrorCode = { type: 'string' };
    expect(compileAgainst(stringly).join('\n')).toMatch(
      /mini-program\.ts:\d+: Type 'string' is not assignable to type '"VALIDATION_FAILED" \|/,
    );
  });

  it('runs over real HTTP: the refusals carry the codes the document lists for them', async () => {
    const merchant = await createMerchant(app);
    const template = await createTemplate(app, merchant, { perUserLimit: 1 });

    const result = await loginAndClaimTwice(api.document.servers[0].url, 'typed_client_shopper', template.id);

    expect(result).toMatchObject({ loginCode: 'INVALID_LOGIN_CODE', claimCode: 'COUPON_LIMIT_REACHED', status: 409 });
    expect(api.operation('POST', '/v1/auth/wechat-login').responses['401'].description).toContain('INVALID_LOGIN_CODE');
    expect(api.operation('POST', '/v1/coupon-templates/{id}/claim').responses['409'].description).toContain(
      'COUPON_LIMIT_REACHED',
    );
  });

  it("declares every code of ERROR_STATUS in the shared schema's enum", () => {
    expect(api.document.components.schemas.ErrorCode.enum).toEqual(Object.keys(ERROR_STATUS));
  });
});
