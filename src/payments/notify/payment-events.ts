import { Injectable } from '@nestjs/common';
import type { GatewayRefund, GatewayTransaction, GatewayTransfer } from '../payment-gateway';

type Handler<T> = (event: T) => Promise<unknown>;

/**
 * Where verified provider events go: the module that owns each kind registers its handler at start-up
 * (orders take payments and refunds, transfers take transfers), so the webhook depends on no module.
 */
@Injectable()
export class PaymentEvents {
  private transactionHandler: Handler<GatewayTransaction> | null = null;
  private refundHandler: Handler<GatewayRefund> | null = null;
  private transferHandler: Handler<GatewayTransfer> | null = null;

  onTransaction(handler: Handler<GatewayTransaction>): void {
    this.transactionHandler = handler;
  }

  onRefund(handler: Handler<GatewayRefund>): void {
    this.refundHandler = handler;
  }

  onTransfer(handler: Handler<GatewayTransfer>): void {
    this.transferHandler = handler;
  }

  async transaction(transaction: GatewayTransaction): Promise<void> {
    await this.required(this.transactionHandler, 'transaction')(transaction);
  }

  async refund(refund: GatewayRefund): Promise<void> {
    await this.required(this.refundHandler, 'refund')(refund);
  }

  async transfer(transfer: GatewayTransfer): Promise<void> {
    await this.required(this.transferHandler, 'transfer')(transfer);
  }

  private required<T>(handler: Handler<T> | null, kind: string): Handler<T> {
    if (!handler) throw new Error(`no handler for ${kind} events`);
    return handler;
  }
}
