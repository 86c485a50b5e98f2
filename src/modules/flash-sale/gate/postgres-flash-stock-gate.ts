import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { newReservationId, orderIdFor, parseReservationId, publicReservationId } from '../domain/reservation-id';
import { isOpen } from '../domain/sale-status';
import { FlashSalesRepository } from '../flash-sales.repository';
import { ReservationWriter } from '../persist/reservation-writer';
import { SoldOutWebhook } from '../sold-out-webhook';
import { AttemptWindows } from './attempt-windows';
import { FlashStockGate, ReleasedReservation, ReserveAttempt, ReserveOutcome, SaleView } from './flash-stock-gate';

/** Ends the attempt's transaction without keeping anything, carrying what to answer. */
class Refusal extends Error {
  constructor(readonly outcome: ReserveOutcome) {
    super(outcome.kind);
  }
}

/** The generation the Postgres adapter writes under (it has no gate keys to lose). */
const POSTGRES_EPOCH = 0;

/**
 * The Postgres adapter (no REDIS_URL): the attempt is one transaction. The shopper's holding row is locked
 * first (every attempt of one shopper on one sale goes one at a time from there), then the reservation and its
 * order are written, and the sale's counter is taken last with a guarded UPDATE, so the hot row is locked only
 * from that statement to the commit. The reservation is `confirmed` at once, with its order.
 */
@Injectable()
export class PostgresFlashStockGate extends FlashStockGate {
  private readonly attempts = new AttemptWindows();

  constructor(
    private readonly db: Db,
    private readonly sales: FlashSalesRepository,
    private readonly writer: ReservationWriter,
    private readonly soldOut: SoldOutWebhook,
  ) {
    super();
  }

  async reserve(sale: SaleView, attempt: ReserveAttempt): Promise<ReserveOutcome> {
    const retryAfterMs = this.attempts.hit(`${sale.id}:${attempt.shopper.userId}`, attempt.nowMs);
    if (retryAfterMs > 0) return { kind: 'rate_limited', retryAfterMs };
    if (attempt.idempotencyKey === null && !isOpen(sale, attempt.nowMs)) return { kind: 'not_active' };
    try {
      return await this.db.transaction(() => this.reserveInTransaction(sale, attempt));
    } catch (error) {
      if (error instanceof Refusal) return error.outcome;
      throw error;
    }
  }

  async release(reservation: ReleasedReservation): Promise<void> {
    // Holding row first, sale row second: the order attempts take them in.
    await this.db.query(
      `UPDATE flash_holdings SET held = held - $3 WHERE sale_id = $1 AND shopper_id = $2 AND held >= $3`,
      [reservation.saleId, reservation.shopperId, reservation.quantity],
    );
    await this.db.query(
      `UPDATE flash_sales SET remaining = remaining + $2 WHERE id = $1 AND remaining + $2 <= total_stock`,
      [reservation.saleId, reservation.quantity],
    );
  }

  override async remainingOfEach(sales: SaleView[]): Promise<Map<string, number | null>> {
    const rows = await this.db.query<{ id: string; remaining: number }>(
      'SELECT id, remaining FROM flash_sales WHERE id = ANY($1)',
      [sales.map((sale) => sale.id)],
    );
    return new Map(rows.map((row) => [row.id, row.remaining]));
  }

  async remaining(sale: SaleView): Promise<number | null> {
    const [row] = await this.db.query<{ remaining: number }>('SELECT remaining FROM flash_sales WHERE id = $1', [
      sale.id,
    ]);
    return row ? row.remaining : null;
  }

  async queued(): Promise<{ shopperId: string } | null> {
    return null;
  }

  async prepare(): Promise<void> {
    // The counter is written with the sale.
  }

  async edited(): Promise<void> {
    // The counter moved with total_stock, in the edit's own statement (FlashSalesRepository.updateTerms).
  }

  private async reserveInTransaction(sale: SaleView, attempt: ReserveAttempt): Promise<ReserveOutcome> {
    const { shopper, quantity } = attempt;
    const [holding] = await this.db.query<{ held: number }>(
      `INSERT INTO flash_holdings (sale_id, shopper_id, held) VALUES ($1, $2, 0)
       ON CONFLICT (sale_id, shopper_id) DO UPDATE SET held = flash_holdings.held RETURNING held`,
      [sale.id, shopper.userId],
    );
    if (attempt.idempotencyKey !== null) {
      const first = await this.sales.findReservationByKey(sale.id, shopper.userId, attempt.idempotencyKey);
      if (first) {
        return {
          kind: 'repeat',
          reservationId: publicReservationId(sale.id, first.id),
          status: 'confirmed',
          orderId: orderIdFor(first.id),
          quantity: first.quantity,
        };
      }
      if (!isOpen(sale, attempt.nowMs)) throw new Refusal({ kind: 'not_active' });
    }
    if (holding.held + quantity > sale.perUserLimit) {
      const remaining = await this.remaining(sale);
      throw new Refusal(
        remaining !== null && remaining < quantity
          ? { kind: 'sold_out', remaining }
          : { kind: 'limit_reached', remaining },
      );
    }
    const reservationId = newReservationId(sale.id);
    const rowId = parseReservationId(reservationId)!.rowId;
    await this.writer.write(sale, POSTGRES_EPOCH, [
      {
        id: rowId,
        reservationId,
        saleId: sale.id,
        shopperId: shopper.userId,
        openid: shopper.openid,
        quantity,
        epoch: POSTGRES_EPOCH,
        idempotencyKey: attempt.idempotencyKey,
        acceptedAt: new Date(attempt.nowMs),
      },
    ]);
    await this.db.query(`UPDATE flash_holdings SET held = held + $3 WHERE sale_id = $1 AND shopper_id = $2`, [
      sale.id,
      shopper.userId,
      quantity,
    ]);
    const [taken] = await this.db.query<{ remaining: number }>(
      `UPDATE flash_sales SET remaining = remaining - $2 WHERE id = $1 AND remaining >= $2 RETURNING remaining`,
      [sale.id, quantity],
    );
    if (!taken) throw new Refusal({ kind: 'sold_out', remaining: (await this.remaining(sale)) ?? 0 });
    if (taken.remaining === 0) await this.soldOut.record(sale, new Date(attempt.nowMs));
    return {
      kind: 'accepted',
      reservationId,
      status: 'confirmed',
      orderId: orderIdFor(rowId),
      remaining: taken.remaining,
    };
  }
}
