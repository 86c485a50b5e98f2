import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { claimDue } from '../../platform/jobs/claim-due';
import { rebateLifecycle } from './domain/rebate-lifecycle';
import { RebateRule } from './entities/rebate-rule.entity';
import { Rebate } from './entities/rebate.entity';

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

  /** The merchant's rules whose window holds `at`. */
  rulesAt(merchantId: string, at: Date): Promise<RebateRule[]> {
    return this.db
      .repo(RebateRule)
      .createQueryBuilder('r')
      .where('r.merchant_id = :merchantId AND r.starts_at <= :at AND r.ends_at > :at', { merchantId, at })
      .getMany();
  }

  /** One rebate per order and rule: a repeat (the event delivered twice) inserts nothing. */
  async insertOnce(rebate: Rebate): Promise<void> {
    await this.db.repo(Rebate).createQueryBuilder().insert().values(rebate).orIgnore().execute();
  }

  /** The order's rebates that a refund may still reprice or cancel, locked for the rest of the transaction. */
  pendingForOrder(orderId: string): Promise<Rebate[]> {
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.order_id = :orderId AND r.status IN (:...states)', {
        orderId,
        states: rebateLifecycle.statesLeadingTo('cancelled'),
      })
      .getMany();
  }

  /** One rebate that may still be paid, locked; null when it has moved on or another transaction holds it. */
  async lockPending(id: string): Promise<Rebate | null> {
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('r.id = :id AND r.status IN (:...states)', { id, states: rebateLifecycle.statesLeadingTo('paid') })
      .getOne();
  }

  /** Rebates whose due time has come and that may still be paid, leased until `nextAt`. */
  claimDue(now: Date, nextAt: Date, limit: number): Promise<Array<{ id: string }>> {
    return claimDue<{ id: string }>(this.db, {
      table: 'rebates',
      dueColumn: 'due_at',
      // State names from the declared table (code, not input).
      where: `status = ANY('{${rebateLifecycle.statesLeadingTo('paid').join(',')}}')`,
      now,
      nextAt,
      limit,
      returning: 'id',
    });
  }

  async reprice(id: string, amountFen: number, now: Date): Promise<void> {
    await rebateLifecycle.move(this.db, {
      to: 'pending',
      where: { id },
      set: { amount_fen: amountFen, updated_at: now },
    });
  }

  async cancel(id: string, now: Date): Promise<void> {
    await rebateLifecycle.move(this.db, { to: 'cancelled', where: { id }, set: { updated_at: now } });
  }

  async markPaid(id: string, amountFen: number, transferId: string, now: Date): Promise<boolean> {
    const moved = await rebateLifecycle.move(this.db, {
      to: 'paid',
      where: { id },
      set: { amount_fen: amountFen, transfer_id: transferId, updated_at: now },
    });
    return moved.length > 0;
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
