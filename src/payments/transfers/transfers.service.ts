import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { JobRunner } from '../../platform/jobs/job-runner';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { idFromKey } from '../../platform/ids/id-from-key';
import { GatewayError, GatewayTransfer, PaymentGateway, TERMINAL_TRANSFER_STATES } from '../payment-gateway';
import { PaymentEvents } from '../notify/payment-events';
import { outBillNoFor } from './out-bill-no';
import { TransferDto } from './transfer.dto';
import { Transfer, TransferReason } from './transfer.entity';
import { claimDue } from '../../platform/jobs/claim-due';

export const TRANSFER_REQUESTED = 'transfer.requested';
const RECONCILE_AFTER_MS = 60_000;
const BATCH = 50;

export interface TransferRequest {
  /** One transfer per key, ever: `rebate:<rebateId>`, `prize:<drawId>`. */
  businessKey: string;
  shopperId: string;
  openid: string;
  amountFen: number;
  reason: TransferReason;
  remark: string;
}

/**
 * Cash into shoppers' balances through the provider's transfer API. A request is a row (once per business key)
 * and an outbox event in the caller's transaction; the outbox submits it with an out_bill_no derived from the
 * key, and notifications or the reconciliation job settle it.
 */
@Injectable()
export class TransfersService implements OnModuleInit {
  private readonly logger = new Logger(TransfersService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly gateway: PaymentGateway,
    private readonly events: PaymentEvents,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<{ transferId: string }>(TRANSFER_REQUESTED, 'payments.submit-transfer', (event) =>
      this.submit(event),
    );
    this.events.onTransfer((transfer) => this.applyResult(transfer));
    this.jobs.register('transfers.reconcile', () => this.reconcile());
  }

  /** Requests a transfer (inside the caller's transaction, or its own). Returns false when the key was used before. */
  async request(request: TransferRequest): Promise<boolean> {
    return this.db.transaction(async () => {
      const id = idFromKey(`transfer:${request.businessKey}`);
      const now = this.clock.now();
      const inserted = await this.db.query(
        `INSERT INTO transfers (id, shopper_id, openid, business_key, out_bill_no, amount_fen, reason, remark, status,
                                reconcile_after, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'processing', $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
        [
          id,
          request.shopperId,
          request.openid,
          request.businessKey,
          outBillNoFor(request.businessKey),
          request.amountFen,
          request.reason,
          request.remark.slice(0, 32),
          new Date(now.getTime() + RECONCILE_AFTER_MS),
          now,
        ],
      );
      if (inserted.length === 0) return false;
      await this.outbox.publish(TRANSFER_REQUESTED, { transferId: id });
      return true;
    });
  }

  async listForShopper(shopperId: string, query: PageQuery): Promise<Page<TransferDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const builder = this.db
      .repo(Transfer)
      .createQueryBuilder('t')
      .where('t.shopper_id = :shopperId', { shopperId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit + 1);
    if (after) builder.andWhere('(t.created_at, t.id) < (:createdAt, :id)', after);
    return toPage(await builder.getMany(), limit, TransferDto.from);
  }

  /** Applies what the provider says of a transfer; only terminal states change anything, once. */
  async applyResult(result: GatewayTransfer): Promise<void> {
    if (!TERMINAL_TRANSFER_STATES.includes(result.state)) return;
    const succeeded = result.state === 'SUCCESS';
    await this.db.query(
      `UPDATE transfers SET status = $2, transfer_bill_no = $3, fail_reason = $4, settled_at = $5
       WHERE out_bill_no = $1 AND status = 'processing'`,
      [
        result.outBillNo,
        succeeded ? 'succeeded' : 'failed',
        result.transferBillNo,
        succeeded ? null : (result.failReason ?? result.state),
        this.clock.now(),
      ],
    );
  }

  private async submit(event: OutboxEvent<{ transferId: string }>): Promise<void> {
    const transfer = await this.db.repo(Transfer).findOneBy({ id: event.payload.transferId });
    if (!transfer || transfer.status !== 'processing') return;
    await this.send(transfer);
  }

  private async send(transfer: Transfer): Promise<void> {
    try {
      const result = await this.gateway.transfer({
        outBillNo: transfer.outBillNo,
        openid: transfer.openid,
        amountFen: transfer.amountFen,
        remark: transfer.remark,
      });
      await this.db.query('UPDATE transfers SET transfer_bill_no = $2 WHERE id = $1 AND transfer_bill_no IS NULL', [
        transfer.id,
        result.transferBillNo,
      ]);
      await this.applyResult(result);
    } catch (error) {
      if (error instanceof GatewayError && !error.retryable && error.code !== 'NOT_ENOUGH') {
        await this.applyResult({
          outBillNo: transfer.outBillNo,
          transferBillNo: '',
          state: 'FAIL',
          amountFen: transfer.amountFen,
          openid: transfer.openid,
          failReason: error.message,
        });
        return;
      }
      throw error; // retried with the same out_bill_no: the provider pays one number once
    }
  }

  /** Transfers still processing a while after their request: asked about, or sent again if the provider never got them. */
  private async reconcile(): Promise<number> {
    const now = this.clock.now();
    const due = await claimDue<{ id: string }>(this.db, {
      table: 'transfers',
      dueColumn: 'reconcile_after',
      where: `status = 'processing'`,
      now,
      nextAt: new Date(now.getTime() + RECONCILE_AFTER_MS),
      limit: BATCH,
      returning: 'id',
    });
    for (const { id } of due) {
      const transfer = await this.db.repo(Transfer).findOneBy({ id });
      if (!transfer) continue;
      try {
        const known = await this.gateway.queryTransfer(transfer.outBillNo);
        if (known) await this.applyResult(known);
        else await this.send(transfer);
      } catch (error) {
        this.logger.warn(`reconciling transfer ${transfer.outBillNo}: ${(error as Error).message}`);
      }
    }
    return due.length;
  }
}
