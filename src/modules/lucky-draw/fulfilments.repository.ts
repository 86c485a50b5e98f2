import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { FULFILMENT_LIFECYCLE, FulfilmentStatus } from './domain/fulfilment-lifecycle';

export interface FulfilmentRow {
  id: string;
  shopperId: string;
  prizeId: string;
  prizeName: string;
  status: FulfilmentStatus;
  note: string | null;
  createdAt: Date;
  shippedAt: Date | null;
}

const SELECT = `SELECT e.id, e.shopper_id AS "shopperId", e.prize_id AS "prizeId", p.name AS "prizeName",
       e.fulfilment_status AS status, e.fulfilment_note AS note, e.created_at AS "createdAt", e.shipped_at AS "shippedAt"
  FROM lucky_draw_entries e JOIN lucky_draw_prizes p ON p.id = e.prize_id`;

/** The item prizes of a campaign's draws, to ship: the draw's own row (kind `item`) carries its fulfilment. */
@Injectable()
export class FulfilmentsRepository {
  constructor(private readonly db: Db) {}

  /** Newest first by keyset over (created_at, id), on idx_lucky_draw_entries_fulfilment(_status)_list. */
  list(campaignId: string, status: FulfilmentStatus | undefined, after: Cursor | null, take: number) {
    const params: unknown[] = [campaignId];
    const conditions = [`e.campaign_id = $1`, `e.kind = 'item'`];
    if (status) conditions.push(`e.fulfilment_status = $${params.push(status)}`);
    if (after) conditions.push(`(e.created_at, e.id) < ($${params.push(after.createdAt)}, $${params.push(after.id)})`);
    return this.db.query<FulfilmentRow>(
      `${SELECT} WHERE ${conditions.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT $${params.push(take)}`,
      params,
    );
  }

  async get(campaignId: string, drawId: string): Promise<FulfilmentRow | null> {
    const [row] = await this.db.query<FulfilmentRow>(
      `${SELECT} WHERE e.id = $1 AND e.campaign_id = $2 AND e.kind = 'item'`,
      [drawId, campaignId],
    );
    return row ?? null;
  }

  /** Moves a pending item prize to shipped; false when it was not pending (already shipped, or no such prize). */
  async ship(campaignId: string, drawId: string, note: string | null, now: Date): Promise<boolean> {
    const moved = await FULFILMENT_LIFECYCLE.move(this.db, {
      to: 'shipped',
      where: { id: drawId, campaign_id: campaignId, kind: 'item' },
      set: { fulfilment_note: note, shipped_at: now },
    });
    return moved.length > 0;
  }
}
