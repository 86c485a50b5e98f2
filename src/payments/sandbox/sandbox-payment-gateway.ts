import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import {
  GatewayNotification,
  GatewayRefund,
  GatewayTransaction,
  GatewayTransfer,
  JsapiOrder,
  JsapiOrderRequest,
  PaymentGateway,
  RefundRequest,
  TransferRequest,
} from '../payment-gateway';
import { SandboxFaults, SandboxOperation } from './sandbox-faults';
import { SandboxNotificationParser } from './sandbox-notification-parser';
import { SandboxRefunds } from './sandbox-refunds.service';
import { SandboxTransactions } from './sandbox-transactions.service';
import { SandboxTransfers } from './sandbox-transfers.service';

/**
 * The port, served in-process by a simulated WeChat Pay API v3 that keeps its state in the sandbox_* tables.
 * Every call first passes the fault injector, so tests can make any of them fail (or hang) as the real API does.
 * A real provider is a network round trip away: a call made inside a database transaction would hold a pooled
 * connection and row locks for that long, and leave a provider order behind if the transaction rolled back.
 * TimedPaymentGateway, through which every caller reaches it, refuses such a call; this adapter runs its own
 * queries on their own connections, never in the caller's transaction.
 */
@Injectable()
export class SandboxPaymentGateway extends PaymentGateway {
  constructor(
    private readonly db: Db,
    private readonly faults: SandboxFaults,
    private readonly transactions: SandboxTransactions,
    private readonly refunds: SandboxRefunds,
    private readonly transfers: SandboxTransfers,
    private readonly notifications: SandboxNotificationParser,
  ) {
    super();
  }

  createJsapiOrder(request: JsapiOrderRequest): Promise<JsapiOrder> {
    return this.call('createJsapiOrder', () => this.transactions.create(request));
  }

  queryOrder(outTradeNo: string): Promise<GatewayTransaction | null> {
    return this.call('queryOrder', () => this.transactions.find(outTradeNo));
  }

  closeOrder(outTradeNo: string): Promise<void> {
    return this.call('closeOrder', () => this.transactions.close(outTradeNo));
  }

  refund(request: RefundRequest): Promise<GatewayRefund> {
    return this.call('refund', () => this.refunds.refund(request));
  }

  queryRefund(outRefundNo: string): Promise<GatewayRefund | null> {
    return this.call('queryRefund', () => this.refunds.find(outRefundNo));
  }

  transfer(request: TransferRequest): Promise<GatewayTransfer> {
    return this.call('transfer', () => this.transfers.transfer(request));
  }

  queryTransfer(outBillNo: string): Promise<GatewayTransfer | null> {
    return this.call('queryTransfer', () => this.transfers.find(outBillNo));
  }

  /** Passes the fault injector, then runs `work` on its own connections. */
  private async call<T>(operation: SandboxOperation, work: () => Promise<T>): Promise<T> {
    return this.db.outside(async () => {
      await this.faults.trip(operation);
      return work();
    });
  }

  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<GatewayNotification> {
    return this.notifications.parse(headers, rawBody);
  }
}
