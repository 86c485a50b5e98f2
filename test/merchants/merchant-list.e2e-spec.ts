import { createMerchant, expectError } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { readAllPages } from './paging';

describe('GET /v1/merchants (platform)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lists merchants newest first with {id, name, createdAt}, never a key', async () => {
    const older = await createMerchant(app, 'Older');
    app.clock.advance(1000);
    const newer = await createMerchant(app, 'Newer');
    const response = await app.http.get('/v1/merchants?limit=2', { token: TEST_ADMIN_TOKEN });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { id: newer.id, name: 'Newer', createdAt: expect.any(String) },
      { id: older.id, name: 'Older', createdAt: expect.any(String) },
    ]);
    expect(response.text).not.toContain(newer.apiKey.slice(3, 15));
    expect(response.text).not.toMatch(/apiKey|lookup|hash/i);
  });

  it('is for the platform only: a merchant key is 403, no token 401; bad paging is 400', async () => {
    const merchant = await createMerchant(app);
    expectError(await app.http.get('/v1/merchants', { token: merchant.apiKey }), 403, 'FORBIDDEN');
    expectError(await app.http.get('/v1/merchants'), 401, 'UNAUTHENTICATED');
    for (const query of ['limit=0', 'limit=101', 'cursor=nonsense', 'status=active']) {
      expectError(await app.http.get(`/v1/merchants?${query}`, { token: TEST_ADMIN_TOKEN }), 400, 'VALIDATION_FAILED');
    }
  });

  it('pages without losing or repeating a merchant while new ones sign up between pages', async () => {
    const before: string[] = [];
    for (let i = 0; i < 9; i++) before.push((await createMerchant(app, `Before ${i}`)).id);
    const added: string[] = [];
    const seen = await readAllPages<{ id: string }>(app, '/v1/merchants', TEST_ADMIN_TOKEN, {
      limit: 4,
      between: async () => {
        // A new row goes to the head of the list: an OFFSET would shift every later page by one.
        added.push((await createMerchant(app, 'Added')).id);
      },
    });
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => before.includes(id))).toEqual([...before].reverse());
    expect(added).toHaveLength(Math.ceil(ids.length / 4));
    expect(ids.filter((id) => added.includes(id))).toEqual([]);
  });
});
