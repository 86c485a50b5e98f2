import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransfersService } from '../../payments/transfers/transfers.service';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { decodeCursor, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { JobRunner } from '../../platform/jobs/job-runner';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { OrderFacts, OrderFactsService } from '../orders/order-facts.service';
import { ORDER_PAID, ORDER_REFUNDED } from '../orders/order-transitions';
import { furtherClawbackFen } from './domain/clawback';
import { payout } from './domain/payout';
import { rebateFen } from './domain/rebate-amount';
import { RebateDto, RebatePageDto } from './dto/rebate.dto';
import { RebateRule } from './entities/rebate-rule.entity';
import { Rebate } from './entities/rebate.entity';
import { REBATE_LIFECYCLE } from './domain/rebate-lifecycle';
import { RebatesRepository } from './rebates.repository';
import { WebhookEvents } from '../webhooks/webhook-events.service';

const BATCH = 50;
/** A claimed rebate is left to its instance this long; a rebate with a refund in flight is looked at again then. */
const LEASE_MS = 60_000;
const PAYABLE_ORDER_STATES = ['paid', 'partially_refunded'];

interface OrderEventPayload {
  orderId: string;
  kind: string;
  merchantId: string;
  paidAt?: string;
}

/**
 * Rebates: earned on `order.paid` (one per order and matching rule), repriced or cancelled on `order.refunded`
 * while pending and clawed back once paid, both inside the order's own transaction (all of it is in this database,
 * so the answer that shows the order paid or refunded already shows its rebates); paid as transfers by the
 * `rebates.pay` job once due, net of what the shopper owes the merchant from clawbacks. The amount is always
 * recomputed from the order as it is now (`rebateFen`), so a repeat changes nothing.
 */
@Injectable()
export class RebatesService implements OnModuleInit {
  private readonly logger = new Logger(RebatesService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly repository: RebatesRepository,
    private readonly events: TransactionEvents,
    private readonly orders: OrderFactsService,
    private readonly transfers: TransfersService,
    private readonly jobs: JobRunner,
    private readonly webhooks: WebhookEvents,
  ) {}

  onModuleInit(): void {
    this.events.on<OrderEventPayload>(ORDER_PAID, 'rebates.earn', (event) => this.earn(event));
    this.events.on<OrderEventPayload>(ORDER_REFUNDED, 'rebates.refunded', (event) => this.onRefunded(event));
    this.jobs.register('rebates.pay', () => this.payDue());
  }

  async earn(event: OrderEventPayload): Promise<void> {
    // API.md: gift card purchases earn no rebates (the cards' value earns one when it is spent).
    if (event.kind === 'gift_card') return;
    const order = await this.orders.facts(event.orderId);
    if (!order?.paidAt || !PAYABLE_ORDER_STATES.includes(order.status)) return;
    const rules = await this.repository.rulesAt(order.merchantId, order.paidAt);
    const now = this.clock.now();
    await this.db.transaction(async () => {
      for (const rule of rules) {
        const amountFen = rebateFen(rule, order);
        if (amountFen === 0) continue;
        const dueAt = new Date(order.paidAt!.getTime() + rule.delaySeconds * 1000);
        await this.repository.insertOnce({
          id: randomUUID(),
          ruleId: rule.id,
          orderId: order.id,
          shopperId: order.shopperId,
          openid: order.openid,
          merchantId: order.merchantId,
          amountFen,
          status: REBATE_LIFECYCLE.initial[0],
          dueAt,
          nextAttemptAt: dueAt,
          transferId: null,
          createdAt: now,
          updatedAt: now,
          orderTotalFen: order.totalFen,
          paidAt: null,
          deductedFen: 0,
          clawedBackFen: 0,
          clawedBackAt: null,
        });
      }
    });
  }

  /**
   * A refund, in its own transaction. Before payment each rebate is recomputed on what is left (cancelled when
   * nothing is); after it, what the shopper no longer keeps is clawed back and owed to the merchant.
   */
  async onRefunded(event: OrderEventPayload): Promise<void> {
    await this.db.transaction(async () => {
      const rebates = await this.repository.refundableOfOrder(event.orderId);
      if (rebates.length === 0) return;
      const order = await this.orders.facts(event.orderId);
      const now = this.clock.now();
      for (const rebate of rebates) {
        const amountFen = await this.amountNow(rebate.ruleId, order);
        if (rebate.status !== 'pending') await this.clawBack(rebate, amountFen, now);
        else if (amountFen === 0) await this.repository.cancel(rebate.id, now);
        else if (amountFen !== rebate.amountFen) await this.repository.reprice(rebate.id, amountFen, now);
      }
    });
  }

  /** Pays what is due. A rebate whose order has a refund in flight waits for it (the lease brings it back). */
  async payDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.repository.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
    let paid = 0;
    for (const { id } of due) {
      try {
        if (await this.pay(id)) paid++;
      } catch (error) {
        this.logger.warn(`paying rebate ${id}: ${(error as Error).message}`);
      }
    }
    return paid;
  }

  async listForShopper(shopperId: string, query: PageQuery): Promise<RebatePageDto> {
    const limit = pageLimit(query);
    const rows = await this.repository.listForShopper(shopperId, decodeCursor(query.cursor), limit + 1);
    const transfers = await this.transfers.statuses(rows.flatMap((row) => (row.transferId ? [row.transferId] : [])));
    const owedByMerchant = await this.repository.owedBy(shopperId);
    const page = toPage(rows, limit, (row): RebateDto => ({
      id: row.id,
      orderId: row.orderId,
      ruleId: row.ruleId,
      amountFen: row.amountFen,
      // A paid rebate whose transfer the provider refused shows as failed.
      status:
        row.status === 'paid' && row.transferId && transfers.get(row.transferId) === 'failed' ? 'failed' : row.status,
      transferId: row.transferId,
      deductedFen: row.deductedFen,
      clawedBackFen: row.clawedBackFen,
      dueAt: row.dueAt.toISOString(),
      paidAt: row.paidAt?.toISOString() ?? null,
      clawedBackAt: row.clawedBackAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    }));
    return { ...page, owedFen: owedByMerchant.reduce((sum, owed) => sum + owed.owedFen, 0), owedByMerchant };
  }

  /**
   * Pays one due rebate, in one transaction: what the shopper owes the merchant is deducted first (the debt row
   * locked, so two rebates paid at once never both deduct the same debt), the rest is requested as a transfer.
   * False when it was not paid now: moved on, held elsewhere, cancelled, or waiting for a refund in flight.
   */
  pay(id: string): Promise<boolean> {
    return this.db.transaction(async () => {
      const rebate = await this.repository.lockPending(id);
      if (!rebate) return false;
      const order = await this.orders.facts(rebate.orderId);
      if (order && order.refundsInFlight > 0) return false;
      const now = this.clock.now();
      const amountFen = await this.amountNow(rebate.ruleId, order);
      if (amountFen === 0) {
        await this.repository.cancel(rebate.id, now);
        return false;
      }
      const owedFen = await this.repository.lockOwed(rebate.shopperId, rebate.merchantId);
      const { deductedFen, transferFen } = payout(amountFen, owedFen);
      if (
        deductedFen > 0 &&
        !(await this.repository.deductOwed(rebate.shopperId, rebate.merchantId, deductedFen, now))
      ) {
        throw new Error(`the debt of rebate ${rebate.id}'s shopper changed under its lock`);
      }
      const transfer =
        transferFen === 0
          ? null
          : await this.transfers.request({
              businessKey: `rebate:${rebate.id}`,
              shopperId: rebate.shopperId,
              merchantId: rebate.merchantId,
              openid: rebate.openid,
              amountFen: transferFen,
              reason: 'rebate',
              remark: 'Cash rebate',
            });
      const transferId = transfer?.id ?? null;
      if (!(await this.repository.markPaid(rebate.id, { amountFen, deductedFen, transferId }, now))) return false;
      await this.webhooks.record(rebate.merchantId, 'rebate.paid', {
        rebateId: rebate.id,
        ruleId: rebate.ruleId,
        orderId: rebate.orderId,
        shopperId: rebate.shopperId,
        amountFen,
        deductedFen,
        transferId,
        paidAt: now.toISOString(),
      });
      return true;
    });
  }

  /** A paid rebate whose order was refunded: what the shopper no longer keeps is recorded on it and owed. */
  private async clawBack(rebate: Rebate, keepFen: number, now: Date): Promise<void> {
    const transferFailed =
      rebate.transferId !== null &&
      (await this.transfers.statuses([rebate.transferId])).get(rebate.transferId) === 'failed';
    const moreFen = furtherClawbackFen({ ...rebate, transferFailed }, keepFen);
    if (moreFen === 0) return;
    if (!(await this.repository.clawBack(rebate, rebate.clawedBackFen + moreFen, now))) return;
    await this.repository.addOwed(rebate.shopperId, rebate.merchantId, moreFen, now);
  }

  private async amountNow(ruleId: string, order: OrderFacts | null): Promise<number> {
    if (!order || !PAYABLE_ORDER_STATES.includes(order.status)) return 0;
    const rule: RebateRule | null = await this.repository.rule(ruleId);
    return rule ? rebateFen(rule, order) : 0;
  }
}
