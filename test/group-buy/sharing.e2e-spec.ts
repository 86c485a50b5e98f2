import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, openRoom, pay, stats } from './group-buy-fixtures';

const SHARE_LINK_BASE = 'https://shop.example.cn/pages/group/room?t=';

describe('sharing a room: share link, QR code, share stats', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { SHARE_LINK_BASE } });
  });
  afterAll(() => app.close());

  it('the QR endpoint answers a PNG that decodes to SHARE_LINK_BASE + the share token', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const { room } = await openRoom(app, leader, campaign.id);
    expect(room.shareLink).toBe(`${SHARE_LINK_BASE}${room.shareToken}`);

    const viewer = await loginShopper(app);
    const response = await fetch(`${app.url}/v1/group-rooms/${room.id}/qrcode`, {
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png = PNG.sync.read(bytes);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(`${SHARE_LINK_BASE}${room.shareToken}`);

    expectError(await app.http.get(`/v1/group-rooms/${room.id}/qrcode`), 401, 'UNAUTHENTICATED');
  });

  it('shares count each shopper reached through a link once per room, never the leader', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 5 });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const open = (viewer: { token: string }) =>
      app.http.get(`/v1/group-rooms/by-share/${opened.room.shareToken}`, { token: viewer.token });
    expect((await open(leader)).status).toBe(200);
    const friend = await loginShopper(app);
    for (let i = 0; i < 3; i++) expect((await open(friend)).status).toBe(200);
    expect((await open(await loginShopper(app))).body).toMatchObject({ id: opened.room.id, status: 'open' });
    expect(await stats(app, merchant, campaign.id)).toMatchObject({ shares: 2, joinsFromShares: 0 });
  });
});
