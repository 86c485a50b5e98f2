import { TestMerchant, TestShopper } from '../support/fixtures';
import { payInSandbox, runJobs, settleEverything } from '../support/payments';
import { TestApp } from '../support/test-app';

export interface CampaignFields {
  productId: string;
  groupPriceFen?: number;
  leaderPriceFen?: number | null;
  groupSize?: number;
  completionWindowSeconds?: number;
  paymentWindowSeconds?: number;
  virtualCompletion?: boolean;
  startsAt?: string;
  endsAt?: string;
}

/** A group-buy running now on the app's clock: 3 seats, 6000 fen a member, 5000 for the leader, 1 h to fill. */
export async function createCampaign(app: TestApp, merchant: TestMerchant, fields: CampaignFields): Promise<any> {
  const now = app.clock.now().getTime();
  const response = await app.http.post('/v1/merchant/group-buys', {
    token: merchant.apiKey,
    body: {
      groupPriceFen: 6000,
      leaderPriceFen: 5000,
      groupSize: 3,
      completionWindowSeconds: 3600,
      paymentWindowSeconds: 600,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
      ...fields,
    },
  });
  if (response.status !== 201) throw new Error(`creating a group-buy: ${response.status} ${response.text}`);
  return response.body;
}

export async function openRoom(
  app: TestApp,
  leader: TestShopper,
  campaignId: string,
): Promise<{ room: any; order: any }> {
  const response = await app.http.post(`/v1/group-buys/${campaignId}/rooms`, { token: leader.token });
  if (response.status !== 201) throw new Error(`opening a room: ${response.status} ${response.text}`);
  return response.body;
}

export function joinRoom(app: TestApp, shopper: TestShopper, roomId: string, shareToken?: string) {
  return app.http.post(`/v1/group-rooms/${roomId}/join`, {
    token: shopper.token,
    body: shareToken === undefined ? {} : { shareToken },
  });
}

export async function joined(app: TestApp, shopper: TestShopper, roomId: string, shareToken?: string) {
  const response = await joinRoom(app, shopper, roomId, shareToken);
  if (response.status !== 201) throw new Error(`joining: ${response.status} ${response.text}`);
  return response.body as { room: any; order: any };
}

/** Pays orders in the sandbox and lets the notifications and the room's payment events play out. */
export async function pay(app: TestApp, ...orders: Array<{ payment: { outTradeNo: string } }>): Promise<void> {
  for (const order of orders) {
    const paid = await payInSandbox(app, order.payment.outTradeNo);
    if (paid.status !== 202) throw new Error(`sandbox pay: ${paid.status} ${paid.text}`);
  }
  await settleEverything(app, 2);
}

export async function getRoom(app: TestApp, viewer: TestShopper, roomId: string): Promise<any> {
  const response = await app.http.get(`/v1/group-rooms/${roomId}`, { token: viewer.token });
  if (response.status !== 200) throw new Error(`reading a room: ${response.status} ${response.text}`);
  return response.body;
}

export async function stats(app: TestApp, merchant: TestMerchant, campaignId: string): Promise<any> {
  const response = await app.http.get(`/v1/merchant/group-buys/${campaignId}`, { token: merchant.apiKey });
  if (response.status !== 200) throw new Error(`reading a group-buy: ${response.status} ${response.text}`);
  return response.body.stats;
}

/** The room's counts as stored, beside what its member rows say they should be. */
export async function seatCounts(app: TestApp, roomId: string) {
  const [row] = await app.db.query<{
    status: string;
    seats_taken: number;
    seats_paid: number;
    held: string;
    paid: string;
  }>(
    `SELECT r.status, r.seats_taken, r.seats_paid,
            (SELECT count(*) FROM group_room_members m WHERE m.room_id = r.id AND m.status = 'holding') AS held,
            (SELECT count(*) FROM group_room_members m WHERE m.room_id = r.id AND m.status = 'paid') AS paid
     FROM group_rooms r WHERE r.id = $1`,
    [roomId],
  );
  return {
    status: row.status,
    seatsTaken: row.seats_taken,
    seatsPaid: row.seats_paid,
    held: Number(row.held),
    paid: Number(row.paid),
  };
}

export const expireRooms = (app: TestApp) => runJobs(app, 'group-buy.expire');
