import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { ORDER_CANCELLED, ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { FlashSalesRepository } from './flash-sales.repository';
import { FlashStockGate } from './gate/flash-stock-gate';
import { SaleDirectory } from './sale-directory';

type PaidEvent = OrderEvent & { paidAt?: string };

/**
 * What becomes of a reservation when its order moves, inside the order's own transaction (TransactionEvents), so
 * the merchant's stats agree with the orders the moment the order's move commits: paid → `paid`; cancelled or
 * expired → `released`, its units and quota given back by the gate (the Postgres gate in this transaction, the
 * Redis gate after the commit: redis-flash-stock-gate.ts). Each is a conditional move from `confirmed`, and the
 * give-back runs only when the row moved, so it happens once, and never for a paid order (an order is paid or
 * cancelled, never both: a payment that arrives after the deadline is refunded, the order stays cancelled).
 */
@Injectable()
export class FlashOrderEvents implements OnModuleInit {
  constructor(
    private readonly events: TransactionEvents,
    private readonly clock: Clock,
    private readonly repository: FlashSalesRepository,
    private readonly gate: FlashStockGate,
    private readonly directory: SaleDirectory,
  ) {}

  onModuleInit(): void {
    this.events.on<OrderEvent>(ORDER_CANCELLED, 'flash-sale.release', async (order) => {
      await this.released(order);
    });
    this.events.on<PaidEvent>(ORDER_PAID, 'flash-sale.paid', async (order) => {
      await this.paid(order);
    });
  }

  /** In the transaction that cancelled the order; true when the reservation moved (once). */
  async released(order: OrderEvent): Promise<boolean> {
    if (order.kind !== 'flash_sale') return false;
    const reservation = await this.repository.releaseByOrder(order.orderId, this.clock.now());
    if (!reservation) return false;
    await this.gate.release(reservation);
    // Before the commit: an attempt let through early meets the gate, which decides on what it holds.
    this.directory.clearSoldOut(reservation.saleId);
    return true;
  }

  /** In the transaction that paid the order. */
  async paid(order: PaidEvent): Promise<boolean> {
    if (order.kind !== 'flash_sale') return false;
    const paidAt = order.paidAt ? new Date(order.paidAt) : this.clock.now();
    return this.repository.markPaidByOrder(order.orderId, paidAt, order.totalFen);
  }
}
