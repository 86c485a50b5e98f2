import { createTemplate } from '../coupons/coupon-fixtures';
import { createMerchant, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { readAllPages } from './paging';

interface ListedCode {
  code: string | null;
  status: 'unused' | 'redeemed';
  couponId: string | null;
  redeemedAt: string | null;
}

describe('GET /v1/merchant/coupon-templates/:id/codes', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const generate = async (templateId: string, count: number): Promise<string[]> => {
    const response = await app.http.post(`/v1/merchant/coupon-templates/${templateId}/codes`, {
      token: merchant.apiKey,
      body: { count },
    });
    if (response.status !== 201) throw new Error(`generating: ${response.status} ${response.text}`);
    return response.body.codes;
  };
  const list = (templateId: string, query = '', token = merchant.apiKey) =>
    app.http.get(`/v1/merchant/coupon-templates/${templateId}/codes${query}`, { token });

  it('lists the codes generated, with their state; the table still holds no code readable', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    const codes = await generate(template.id, 5);
    const listed = await list(template.id);
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    expect((listed.body.items as ListedCode[]).map((item) => item.code).sort()).toEqual([...codes].sort());
    for (const item of listed.body.items as ListedCode[]) {
      expect(item).toEqual({ code: expect.any(String), status: 'unused', couponId: null, redeemedAt: null });
    }
    const dump = JSON.stringify(await app.db.query('SELECT * FROM coupon_codes WHERE template_id = $1', [template.id]));
    for (const code of codes) expect(dump).not.toContain(code);
  });

  it('?status= splits unused from redeemed; a redeemed code names its coupon and when', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    const codes = await generate(template.id, 3);
    const shopper = await loginShopper(app);
    const coupon = await app.http.post('/v1/coupons/redeem-code', { token: shopper.token, body: { code: codes[1] } });
    expect(coupon.status).toBe(201);
    const redeemed = await list(template.id, '?status=redeemed');
    expect(redeemed.body.items).toEqual([
      { code: codes[1], status: 'redeemed', couponId: coupon.body.id, redeemedAt: expect.any(String) },
    ]);
    const unused = await list(template.id, '?status=unused');
    expect((unused.body.items as ListedCode[]).map((item) => item.code).sort()).toEqual([codes[0], codes[2]].sort());
  });

  it('codes made before codes were kept sealed list with code: null (only their digest exists)', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    await generate(template.id, 2);
    await app.db.query(
      'UPDATE coupon_codes SET code_sealed = NULL WHERE id = (SELECT id FROM coupon_codes WHERE template_id = $1 LIMIT 1)',
      [template.id],
    );
    const items = (await list(template.id)).body.items as ListedCode[];
    expect(items.map((item) => item.code === null).sort()).toEqual([false, true]);
  });

  it("another merchant's template or an unknown one is 404; bad queries are 400", async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    await generate(template.id, 1);
    const other = await createMerchant(app);
    expectError(await list(template.id, '', other.apiKey), 404, 'NOT_FOUND');
    expectError(await list('6d0f8a64-3b4c-4d55-9a2e-1f0e2d3c4b5a'), 404, 'NOT_FOUND');
    expectError(await list('nope'), 404, 'NOT_FOUND');
    for (const query of ['?status=used', '?limit=101', '?cursor=abc', '?colour=red']) {
      expectError(await list(template.id, query), 400, 'VALIDATION_FAILED');
    }
  });

  it('pages every code once while more codes are generated between pages (rows of one batch share a time)', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    const codes = await generate(template.id, 10);
    const seen = await readAllPages<ListedCode>(
      app,
      `/v1/merchant/coupon-templates/${template.id}/codes`,
      merchant.apiKey,
      {
        limit: 3,
        between: async () => {
          await generate(template.id, 2);
        },
      },
    );
    expect(seen.map((item) => item.code).sort()).toEqual([...codes].sort());
  });
});
