import { Injectable } from '@nestjs/common';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { bucketSql } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { claimDue } from '../../platform/jobs/claim-due';
import { REBATE_LIFECYCLE } from './domain/rebate-lifecycle';
import { RebateRule } from './entities/rebate-rule.entity';
import { Rebate } from './entities/rebate.entity';
import { RebateRuleStatsDto } from './dto/rebate.dto';

/** Queries on rebate rules and rebates, and nothing else: orders and transfers are read through their services. */
@Injectable()
export class RebatesRepository {
  constructor(private readonly db: Db) {}

  async insertRule(rule: RebateRule): Promise<void> {
    await this.db.repo(RebateRule).insert(rule);
  }

  rule(id: string): Promise<RebateRule | null> {
    return this.db.repo(RebateRule).findOneBy({ id });
  }

  /** The merchant's rules whose window holds `at`: started, not past their end, not ended early before it. */
  rulesAt(merchantId: string, at: Date): Promise<RebateRule[]> {
    return this.db
      .repo(RebateRule)
      .createQueryBuilder('r')
      .where('r.merchant_id = :merchantId AND r.starts_at <= :at AND r.ends_at > :at', { merchantId, at })
      .andWhere('(r.ended_at IS NULL OR r.ended_at > :at)', { at })
      .getMany();
  }

  listRules(merchantId: string, query: CampaignListQuery, now: Date): Promise<RebateRule[]> {
    const columns = { alias: 'r', name: 'name', startsAt: 'starts_at', endsAt: 'ends_at' };
    return campaignListQuery(
      this.db.repo(RebateRule).createQueryBuilder('r'),
      merchantId,
      query,
      columns,
      now,
    ).getMany();
  }

  ruleOf(id: string, merchantId: string): Promise<RebateRule | null> {
    return this.db.repo(RebateRule).findOneBy({ id, merchantId });
  }

  /** The rule, locked for the rest of the transaction (an edit against concurrent edits). */
  lockRule(id: string, merchantId: string): Promise<RebateRule | null> {
    return this.db
      .repo(RebateRule)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id AND r.merchant_id = :merchantId', { id, merchantId })
      .getOne();
  }

  async updateRule(id: string, changes: Partial<RebateRule>): Promise<void> {
    await this.db.repo(RebateRule).update({ id }, changes);
  }

  /** Sets the end once: a second end leaves the first one's time. */
  async endRule(id: string, merchantId: string, now: Date): Promise<boolean> {
    const ended = await this.db.query(
      'UPDATE rebate_rules SET ended_at = $3 WHERE id = $1 AND merchant_id = $2 AND ended_at IS NULL RETURNING id',
      [id, merchantId, now],
    );
    return ended.length > 0;
  }

  /** Stats of many rules in one grouped query (a list page). `paid` counts every rebate paid out, clawed back or not. */
  async statsOf(ruleIds: string[]): Promise<Map<string, RebateRuleStatsDto>> {
    const found = new Map<string, RebateRuleStatsDto>(
      ruleIds.map((id) => [
        id,
        { earned: 0, pending: 0, paid: 0, cancelled: 0, clawedBack: 0, paidFen: 0, clawedBackFen: 0 },
      ]),
    );
    if (ruleIds.length === 0) return found;
    const rows = await this.db.query<{ rule_id: string } & Record<keyof RebateRuleStatsDto, string>>(
      `SELECT rule_id, count(*) AS earned,
              count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE paid_at IS NOT NULL) AS paid,
              count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              count(*) FILTER (WHERE status = 'clawed_back') AS "clawedBack",
              coalesce(sum(amount_fen) FILTER (WHERE paid_at IS NOT NULL), 0) AS "paidFen",
              coalesce(sum(clawed_back_fen), 0) AS "clawedBackFen"
       FROM rebates WHERE rule_id = ANY($1) GROUP BY rule_id`,
      [ruleIds],
    );
    for (const row of rows) {
      found.set(row.rule_id, {
        earned: Number(row.earned),
        pending: Number(row.pending),
        paid: Number(row.paid),
        cancelled: Number(row.cancelled),
        clawedBack: Number(row.clawedBack),
        paidFen: Number(row.paidFen),
        clawedBackFen: Number(row.clawedBackFen),
      });
    }
    return found;
  }

  /**
   * Per bucket: rebates earned (by the time their order's payment earned them) with those orders' totals, and
   * rebates paid (by the time their transfer was requested) with their amounts.
   */
  timeline(ruleId: string, bucket: TimelineBucket): Promise<Array<Record<string, string> & { at: Date }>> {
    return this.db.query(
      `SELECT at, sum(earned) AS "rebatesEarned", sum(paid) AS "rebatesPaid",
              sum(revenue) AS "revenueFen", sum(discount) AS "discountFen"
       FROM (
         SELECT ${bucketSql(bucket, 'created_at')} AS at, 1 AS earned, 0 AS paid,
                coalesce(order_total_fen, 0) AS revenue, 0 AS discount
         FROM rebates WHERE rule_id = $1
         UNION ALL
         SELECT ${bucketSql(bucket, 'paid_at')}, 0, 1, 0, amount_fen
         FROM rebates WHERE rule_id = $1 AND paid_at IS NOT NULL
       ) events GROUP BY at`,
      [ruleId],
    );
  }

  /** One rebate per order and rule: a repeat (the event delivered twice) inserts nothing. */
  async insertOnce(rebate: Rebate): Promise<void> {
    await this.db.repo(Rebate).createQueryBuilder().insert().values(rebate).orIgnore().execute();
  }

  /**
   * The order's rebates a refund may still change, locked for the rest of the transaction: pending ones (repriced
   * or cancelled) and paid ones (clawed back).
   */
  refundableOfOrder(orderId: string): Promise<Rebate[]> {
    const states = new Set([
      ...REBATE_LIFECYCLE.statesLeadingTo('cancelled'),
      ...REBATE_LIFECYCLE.statesLeadingTo('clawed_back'),
    ]);
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.order_id = :orderId AND r.status IN (:...states)', { orderId, states: [...states] })
      .orderBy('r.id')
      .getMany();
  }

  /** One rebate that may still be paid, locked; null when it has moved on or another transaction holds it. */
  async lockPending(id: string): Promise<Rebate | null> {
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('r.id = :id AND r.status IN (:...states)', { id, states: REBATE_LIFECYCLE.statesLeadingTo('paid') })
      .getOne();
  }

  /** Rebates whose due time has come and that may still be paid, leased until `nextAt`. */
  claimDue(now: Date, nextAt: Date, limit: number): Promise<Array<{ id: string }>> {
    return claimDue<{ id: string }>(this.db, {
      table: 'rebates',
      // The lease moves the attempt time; `due_at` stays what the shopper was told.
      dueColumn: 'next_attempt_at',
      // State names from the declared table (code, not input).
      where: `status = ANY('{${REBATE_LIFECYCLE.statesLeadingTo('paid').join(',')}}')`,
      now,
      nextAt,
      limit,
      returning: 'id',
    });
  }

  async reprice(id: string, amountFen: number, now: Date): Promise<void> {
    await REBATE_LIFECYCLE.move(this.db, {
      to: 'pending',
      where: { id },
      set: { amount_fen: amountFen, updated_at: now },
    });
  }

  async cancel(id: string, now: Date): Promise<void> {
    await REBATE_LIFECYCLE.move(this.db, { to: 'cancelled', where: { id }, set: { updated_at: now } });
  }

  async markPaid(
    id: string,
    paid: { amountFen: number; deductedFen: number; transferId: string | null },
    now: Date,
  ): Promise<boolean> {
    const moved = await REBATE_LIFECYCLE.move(this.db, {
      to: 'paid',
      where: { id },
      set: {
        amount_fen: paid.amountFen,
        deducted_fen: paid.deductedFen,
        transfer_id: paid.transferId,
        paid_at: now,
        updated_at: now,
      },
    });
    return moved.length > 0;
  }

  /** Records the paid rebate's clawed-back total (it only grows) and when it was first clawed back. */
  async clawBack(rebate: Rebate, clawedBackFen: number, now: Date): Promise<boolean> {
    const moved = await REBATE_LIFECYCLE.move(this.db, {
      to: 'clawed_back',
      where: { id: rebate.id },
      set: { clawed_back_fen: clawedBackFen, clawed_back_at: rebate.clawedBackAt ?? now, updated_at: now },
    });
    return moved.length > 0;
  }

  /** What the shopper owes the merchant, the row locked until the transaction ends (0 when they never owed). */
  async lockOwed(shopperId: string, merchantId: string): Promise<number> {
    const [row] = await this.db.query<{ owed_fen: string }>(
      'SELECT owed_fen FROM rebate_debts WHERE shopper_id = $1 AND merchant_id = $2 FOR UPDATE',
      [shopperId, merchantId],
    );
    return Number(row?.owed_fen ?? 0);
  }

  async addOwed(shopperId: string, merchantId: string, amountFen: number, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO rebate_debts (shopper_id, merchant_id, owed_fen, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (shopper_id, merchant_id)
       DO UPDATE SET owed_fen = rebate_debts.owed_fen + EXCLUDED.owed_fen, updated_at = EXCLUDED.updated_at`,
      [shopperId, merchantId, amountFen, now],
    );
  }

  /** Takes `amountFen` off the debt; refused (false) when less is owed, so a debt is never deducted twice. */
  async deductOwed(shopperId: string, merchantId: string, amountFen: number, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE rebate_debts SET owed_fen = owed_fen - $3, updated_at = $4
       WHERE shopper_id = $1 AND merchant_id = $2 AND owed_fen >= $3 RETURNING shopper_id`,
      [shopperId, merchantId, amountFen, now],
    );
    return rows.length > 0;
  }

  /** What the shopper still owes, per merchant (only merchants owed something). */
  async owedBy(shopperId: string): Promise<Array<{ merchantId: string; owedFen: number }>> {
    const rows = await this.db.query<{ merchant_id: string; owed_fen: string }>(
      'SELECT merchant_id, owed_fen FROM rebate_debts WHERE shopper_id = $1 AND owed_fen > 0 ORDER BY merchant_id',
      [shopperId],
    );
    return rows.map((row) => ({ merchantId: row.merchant_id, owedFen: Number(row.owed_fen) }));
  }

  /** A shopper's rebates, newest first. */
  listForShopper(shopperId: string, after: Cursor | null, limit: number): Promise<Rebate[]> {
    const builder = this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .where('r.shopper_id = :shopperId', { shopperId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit);
    if (after) builder.andWhere('(r.created_at, r.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }
}
