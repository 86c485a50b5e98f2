import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, joined, openRoom, pay } from './group-buy-fixtures';

const SHARE_LINK_BASE = 'https://shop.example.cn/pages/group/room?t=';

describe("a merchant's view of its group-buy rooms", () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let campaign: any;
  let first: any;
  let second: any;

  beforeAll(async () => {
    app = await startTestApp({ env: { SHARE_LINK_BASE } });
    merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    campaign = await createCampaign(app, merchant, { productId: product.id });
    const [leader, friend, other] = [await loginShopper(app), await loginShopper(app), await loginShopper(app)];
    first = await openRoom(app, leader, campaign.id);
    await pay(app, first.order);
    const seat = await joined(app, friend, first.room.id, first.room.shareToken);
    first.seat = seat;
    app.clock.advance(1000);
    second = await openRoom(app, other, campaign.id);
  });
  afterAll(() => app.close());

  const rooms = (query = '', token = merchant.apiKey, id = campaign.id) =>
    app.http.get(`/v1/merchant/group-buys/${id}/rooms${query}`, { token });

  it('lists the rooms newest first, with their members and the orders paying their seats', async () => {
    const response = await rooms();
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((room: any) => room.id)).toEqual([second.room.id, first.room.id]);
    expect(response.body.items[1]).toMatchObject({
      campaignId: campaign.id,
      status: 'open',
      groupSize: 3,
      seatsTaken: 2,
      seatsPaid: 1,
      shareLink: `${SHARE_LINK_BASE}${first.room.shareToken}`,
      joinable: true,
      members: [
        { userId: first.room.leaderUserId, role: 'leader', status: 'paid', orderId: first.order.id },
        { role: 'member', status: 'holding', orderId: first.seat.order.id },
      ],
    });
    expect(response.body.items[1].members[0]).not.toHaveProperty('isYou');
    expect(response.body.items[1].members[0].display).toMatch(/^\*\*\*/);
  });

  it('filters by status and pages by cursor', async () => {
    const open = await rooms('?status=open');
    expect(open.body.items.map((room: any) => room.id)).toEqual([first.room.id]);
    const page = await rooms('?limit=1');
    expect(page.body.items.map((room: any) => room.id)).toEqual([second.room.id]);
    const next = await rooms(`?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ id: first.room.id }], nextCursor: null });
    expectError(await rooms('?status=closed'), 400, 'VALIDATION_FAILED');
    expectError(await rooms('?cursor=nonsense'), 400, 'VALIDATION_FAILED');
  });

  it("answers a room's QR code: a PNG of its share link", async () => {
    const response = await fetch(`${app.url}/v1/merchant/group-buys/${campaign.id}/rooms/${first.room.id}/qrcode`, {
      headers: { authorization: `Bearer ${merchant.apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(
      `${SHARE_LINK_BASE}${first.room.shareToken}`,
    );
  });

  it("is the merchant's own: another merchant, another campaign's room or a shopper get nothing", async () => {
    const stranger = await createMerchant(app);
    expectError(await rooms('', stranger.apiKey), 404, 'NOT_FOUND');
    const qrCode = (token: string, id = campaign.id) =>
      app.http.get(`/v1/merchant/group-buys/${id}/rooms/${first.room.id}/qrcode`, { token });
    expectError(await qrCode(stranger.apiKey), 404, 'NOT_FOUND');
    const product = await createProduct(app, merchant);
    const otherCampaign = await createCampaign(app, merchant, { productId: product.id });
    expectError(await qrCode(merchant.apiKey, otherCampaign.id), 404, 'NOT_FOUND');
    expect((await rooms('', merchant.apiKey, otherCampaign.id)).body).toEqual({ items: [], nextCursor: null });
    const shopper = await loginShopper(app);
    expectError(await rooms('', shopper.token), 403, 'FORBIDDEN');
  });

  it('the OpenAPI document describes both routes', async () => {
    const document = (await app.http.get('/docs-json')).body;
    expect(document.paths['/v1/merchant/group-buys/{id}/rooms'].get).toBeDefined();
    const qrCode = document.paths['/v1/merchant/group-buys/{id}/rooms/{roomId}/qrcode'].get;
    expect(Object.keys(qrCode.responses['200'].content)).toEqual(['image/png']);
  });
});
