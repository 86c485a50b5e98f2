import { Injectable } from '@nestjs/common';
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
import { SandboxFaults } from './sandbox-faults';
import { SandboxNotificationParser } from './sandbox-notification-parser';
import { SandboxRefunds } from './sandbox-refunds.service';
import { SandboxTransactions } from './sandbox-transactions.service';
import { SandboxTransfers } from './sandbox-transfers.service';

/**
 * The port, served in-process by a simulated WeChat Pay API v3 that keeps its state in the sandbox_* tables.
 * Every call first passes the fault injector, so tests can make any of them fail as the real API does.
 * Calls join the caller's transaction when there is one (embedded PGlite has only one at a time).
 */
@Injectable()
export class SandboxPaymentGateway extends PaymentGateway {
  constructor(
    private readonly faults: SandboxFaults,
    private readonly transactions: SandboxTransactions,
    private readonly refunds: SandboxRefunds,
    private readonly transfers: SandboxTransfers,
    private readonly notifications: SandboxNotificationParser,
  ) {
    super();
  }

  async createJsapiOrder(request: JsapiOrderRequest): Promise<JsapiOrder> {
    this.faults.trip('createJsapiOrder');
    return this.transactions.create(request);
  }

  async queryOrder(outTradeNo: string): Promise<GatewayTransaction | null> {
    this.faults.trip('queryOrder');
    return this.transactions.find(outTradeNo);
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    this.faults.trip('closeOrder');
    return this.transactions.close(outTradeNo);
  }

  async refund(request: RefundRequest): Promise<GatewayRefund> {
    this.faults.trip('refund');
    return this.refunds.refund(request);
  }

  async queryRefund(outRefundNo: string): Promise<GatewayRefund | null> {
    this.faults.trip('queryRefund');
    return this.refunds.find(outRefundNo);
  }

  async transfer(request: TransferRequest): Promise<GatewayTransfer> {
    this.faults.trip('transfer');
    return this.transfers.transfer(request);
  }

  async queryTransfer(outBillNo: string): Promise<GatewayTransfer | null> {
    this.faults.trip('queryTransfer');
    return this.transfers.find(outBillNo);
  }

  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<GatewayNotification> {
    return this.notifications.parse(headers, rawBody);
  }
}
