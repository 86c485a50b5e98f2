import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { JobRunner } from '../../platform/jobs/job-runner';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { idFromKey } from '../../platform/ids/id-from-key';
import { GatewayError, GatewayTransfer, PaymentGateway, TERMINAL_TRANSFER_STATES } from '../payment-gateway';
import { PaymentEvents } from '../notify/payment-events';
import { TRANSFER_LIFECYCLE } from './domain/transfer-lifecycle';
import { outBillNoFor } from './out-bill-no';
import { TransferDto } from './transfer.dto';
import { Transfer, TransferReason, TransferStatus } from './transfer.entity';
import { TransfersRepository } from './transfers.repository';
import { WebhookEvents } from '../../modules/webhooks/webhook-events.service';

export const TRANSFER_REQUESTED = 'transfer.requested';
const RECONCILE_AFTER_MS = 60_000;
const BATCH = 50;

export interface TransferRequest {
  /** One transfer per key, ever: `rebate:<rebateId>`, `prize:<drawId>`. */
  businessKey: string;
  shopperId: string;
  /** Whose campaign pays it. */
  merchantId: string;
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
    private readonly repository: TransfersRepository,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly gateway: PaymentGateway,
    private readonly events: PaymentEvents,
    private readonly jobs: JobRunner,
    private readonly webhooks: WebhookEvents,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<{ transferId: string }>(TRANSFER_REQUESTED, 'payments.submit-transfer', (event) =>
      this.submit(event),
    );
    this.events.onTransfer((transfer) => this.applyResult(transfer));
    this.jobs.register('transfers.reconcile', () => this.reconcile());
  }

  /**
   * Requests a transfer (inside the caller's transaction, or its own) and answers it: the one made now, or the
   * one its business key asked for before (then nothing new is sent).
   */
  async request(request: TransferRequest): Promise<Transfer> {
    return this.db.transaction(async () => {
      const now = this.clock.now();
      const { transfer, inserted } = await this.repository.insertOnce({
        id: idFromKey(`transfer:${request.businessKey}`),
        shopperId: request.shopperId,
        merchantId: request.merchantId,
        openid: request.openid,
        businessKey: request.businessKey,
        outBillNo: outBillNoFor(request.businessKey),
        amountFen: request.amountFen,
        reason: request.reason,
        remark: request.remark.slice(0, 32),
        reconcileAfter: new Date(now.getTime() + RECONCILE_AFTER_MS),
        createdAt: now,
      });
      if (inserted) await this.outbox.publish(TRANSFER_REQUESTED, { transferId: transfer.id });
      return transfer;
    });
  }

  /** Transfers' states by id (what rebates show of the transfers paying them); unknown ids are left out. */
  statuses(ids: readonly string[]): Promise<Map<string, TransferStatus>> {
    return this.repository.statuses(ids);
  }

  async listForShopper(shopperId: string, query: PageQuery): Promise<Page<TransferDto>> {
    const limit = pageLimit(query);
    const rows = await this.repository.listForShopper(shopperId, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, TransferDto.from);
  }

  /** Applies what the provider says of a transfer; only terminal states change anything, once. */
  async applyResult(result: GatewayTransfer): Promise<void> {
    if (!TERMINAL_TRANSFER_STATES.includes(result.state)) return;
    const succeeded = result.state === 'SUCCESS';
    const failReason = succeeded ? null : (result.failReason ?? result.state);
    await this.db.transaction(async () => {
      const settledAt = this.clock.now();
      const settled = await this.repository.settle(result.outBillNo, succeeded ? 'succeeded' : 'failed', {
        transferBillNo: result.transferBillNo,
        failReason,
        settledAt,
      });
      // Transfers requested before merchants were recorded on them have nobody to tell.
      if (!settled?.merchantId) return;
      const { merchantId, id, ...facts } = settled;
      await this.webhooks.record(merchantId, succeeded ? 'transfer.succeeded' : 'transfer.failed', {
        transferId: id,
        ...facts,
        status: succeeded ? 'succeeded' : 'failed',
        ...(succeeded ? { succeededAt: settledAt.toISOString() } : { failReason }),
      });
    });
  }

  private async submit(event: OutboxEvent<{ transferId: string }>): Promise<void> {
    const transfer = await this.repository.byId(event.payload.transferId);
    if (!transfer || TRANSFER_LIFECYCLE.isTerminal(transfer.status)) return;
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
      await this.repository.recordBillNo(transfer.id, result.transferBillNo);
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
    const due = await this.repository.claimUnsettled(now, new Date(now.getTime() + RECONCILE_AFTER_MS), BATCH);
    for (const { id } of due) {
      const transfer = await this.repository.byId(id);
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
