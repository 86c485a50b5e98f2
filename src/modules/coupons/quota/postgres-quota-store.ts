import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { couponLimitReached, couponNotClaimable, couponSoldOut } from '../coupons.errors';
import { QuotaRequest, QuotaStore } from './quota-store';

const claimsEnded = () => couponNotClaimable('Claims for this coupon have ended');

export interface TemplateUsage {
  issued: number;
  held: number;
}

const HOLDERS_PAGE = 5000;

/**
 * The record, and the adapter served when there is no Redis: `coupon_holders.issued` and
 * `coupon_templates.issued` moved by guarded conditional statements inside the caller's transaction. The limits
 * are read from the template row itself, so the record holds whatever any gate in front of it believes.
 */
@Injectable()
export class PostgresQuotaStore extends QuotaStore {
  constructor(private readonly db: Db) {
    super();
  }

  take<T>(request: QuotaRequest, work: () => Promise<T>): Promise<T> {
    return this.db.transaction(async () => {
      // The shopper's row first: it is contended only by that shopper.
      const held = await this.db.query(
        `INSERT INTO coupon_holders (template_id, shopper_id, issued)
         SELECT t.id, $2, $3 FROM coupon_templates t WHERE t.id = $1 AND $3 <= t.per_user_limit
         ON CONFLICT (template_id, shopper_id) DO UPDATE SET issued = coupon_holders.issued + EXCLUDED.issued
         WHERE coupon_holders.issued + EXCLUDED.issued
               <= (SELECT per_user_limit FROM coupon_templates WHERE id = EXCLUDED.template_id)
         RETURNING issued`,
        [request.templateId, request.shopperId, request.units],
      );
      if (held.length === 0) {
        throw (await this.soldOut(request)) ? couponSoldOut() : couponLimitReached(request.perUserLimit);
      }
      const result = await work();
      // The hot row last, so its lock is held only until the commit that follows.
      // Its limit and end are read from the row itself, so a raise or an end committed on any instance holds here.
      const stock = await this.db.query(
        `UPDATE coupon_templates SET issued = issued + $2
         WHERE id = $1 AND issued + $2 <= total_quantity AND ended_at IS NULL
         RETURNING issued`,
        [request.templateId, request.units],
      );
      if (stock.length === 0) throw (await this.ended(request.templateId)) ? claimsEnded() : couponSoldOut();
      return result;
    });
  }

  /** The record's counts for one template and shopper (what a gate heals towards). */
  async usage(templateId: string, shopperId: string): Promise<TemplateUsage> {
    const [row] = await this.db.query<{ issued: number; held: number | null }>(
      `SELECT t.issued, h.issued AS held FROM coupon_templates t
       LEFT JOIN coupon_holders h ON h.template_id = t.id AND h.shopper_id = $2 WHERE t.id = $1`,
      [templateId, shopperId],
    );
    return { issued: row?.issued ?? 0, held: row?.held ?? 0 };
  }

  async issued(templateId: string): Promise<number> {
    const [row] = await this.db.query<{ issued: number }>('SELECT issued FROM coupon_templates WHERE id = $1', [
      templateId,
    ]);
    return row?.issued ?? 0;
  }

  /** Every holder's count, a page at a time (a gate rebuilding itself). */
  async *holders(templateId: string): AsyncGenerator<Array<{ shopperId: string; issued: number }>> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.db.query<{ shopper_id: string; issued: number }>(
        `SELECT shopper_id, issued FROM coupon_holders WHERE template_id = $1 AND shopper_id > $2 AND issued > 0
         ORDER BY shopper_id LIMIT ${HOLDERS_PAGE}`,
        [templateId, after],
      );
      if (page.length === 0) return;
      yield page.map((row) => ({ shopperId: row.shopper_id, issued: row.issued }));
      if (page.length < HOLDERS_PAGE) return;
      after = page[page.length - 1].shopper_id;
    }
  }

  private async ended(templateId: string): Promise<boolean> {
    const [row] = await this.db.query<{ ended: boolean }>(
      'SELECT ended_at IS NOT NULL AS ended FROM coupon_templates WHERE id = $1',
      [templateId],
    );
    return row?.ended ?? false;
  }

  private async soldOut(request: QuotaRequest): Promise<boolean> {
    const [row] = await this.db.query<{ sold_out: boolean }>(
      'SELECT issued + $2 > total_quantity AS sold_out FROM coupon_templates WHERE id = $1',
      [request.templateId, request.units],
    );
    return row?.sold_out ?? true;
  }
}
