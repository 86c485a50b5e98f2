import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { ORDER_CANCELLED, ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { FlashSalesRepository } from './flash-sales.repository';
import { FlashStockGate } from './gate/flash-stock-gate';
import { SaleDirectory } from './sale-directory';

/**
 * What becomes of a reservation when its order moves (outbox events, delivered at least once):
 * cancelled or expired → the reservation is `released` and its units and quota go back to the gate; paid → it is
 * `paid`. Each is a conditional UPDATE from `confirmed`, and the give-back runs in the same transaction only when
 * that UPDATE moved the row, so it happens exactly once, and never for a paid order (an order is paid or
 * cancelled, never both: a payment that arrives after the deadline is refunded, the order stays cancelled).
 */
@Injectable()
export class FlashOrderEvents implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly repository: FlashSalesRepository,
    private readonly gate: FlashStockGate,
    private readonly directory: SaleDirectory,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<OrderEvent>(ORDER_CANCELLED, 'flash-sale.release', async (event) => {
      await this.released(event.payload);
    });
    this.outbox.subscribe<OrderEvent>(ORDER_PAID, 'flash-sale.paid', async (event) => {
      await this.paid(event.payload);
    });
  }

  async released(order: OrderEvent): Promise<boolean> {
    if (order.kind !== 'flash_sale') return false;
    const released = await this.db.transaction(async () => {
      const reservation = await this.repository.releaseByOrder(order.orderId, this.clock.now());
      if (!reservation) return null;
      await this.gate.release(reservation);
      return reservation;
    });
    if (released) this.directory.clearSoldOut(released.saleId);
    return released !== null;
  }

  async paid(order: OrderEvent): Promise<boolean> {
    if (order.kind !== 'flash_sale') return false;
    return this.repository.markPaidByOrder(order.orderId);
  }
}
