import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { isUniqueViolation, pgErrorCode } from '../../../platform/database/postgres-errors';
import { FlashSalesRepository } from '../flash-sales.repository';
import { FlashStockGate, SaleView } from '../gate/flash-stock-gate';
import { AcceptedReservation, ReservationWriter, WriteMode } from './reservation-writer';
import { SoldOutWebhook } from '../sold-out-webhook';
import { ReservationStream } from './reservation-stream';
import { StreamEntry } from './stream-entries';

/** How entries came: read for the first time, or taken over from a consumer that stalled or died. */
export type Delivery = 'first' | 'again';

/**
 * An error that belongs to the entries written, not to the database: a value refused in Node (RangeError: an
 * order total above the maximum) or by PostgreSQL (data exception, integrity violation). Writing the same entry
 * again fails again; anything else (the database unreachable, a timeout) leaves the whole batch for a retry.
 */
const isEntryFault = (error: unknown): boolean =>
  error instanceof RangeError || /^2[23]/.test(pgErrorCode(error) ?? '');

/**
 * Writes a batch of stream entries to Postgres (ReservationWriter: reservations and their orders, in one
 * transaction holding the sale row FOR SHARE, so a rebuild waits), and only then acknowledges them. First
 * deliveries go in with COPY; a batch of which one was written before fails, and is written again with INSERT
 * ... ON CONFLICT DO NOTHING, as taken-over entries are.
 *
 * One entry that cannot be written does not hold up the others: a batch failing for its entries is split in
 * halves and each written on its own, down to the entry at fault, which is tried once more alone and then
 * released: its row is written `released` with the failure and no order (the merchant sees it counted as
 * `failedReservations`), and its units and quota go back to the gate.
 */
@Injectable()
export class BatchPersister {
  private readonly logger = new Logger(BatchPersister.name);

  constructor(
    private readonly db: Db,
    private readonly repository: FlashSalesRepository,
    private readonly writer: ReservationWriter,
    private readonly gate: FlashStockGate,
    private readonly stream: ReservationStream,
    private readonly soldOut: SoldOutWebhook,
    private readonly clock: Clock,
  ) {}

  async persist(sale: SaleView, entries: StreamEntry[], delivery: Delivery): Promise<void> {
    const reservations = entries.map((entry) => entry.reservation).filter((r): r is AcceptedReservation => r !== null);
    if (reservations.length < entries.length) {
      this.logger.error(
        `flash sale ${sale.id}: ${entries.length - reservations.length} unreadable stream entries dropped`,
      );
    }
    if (reservations.length > 0)
      await this.writeIsolating(sale, reservations, delivery === 'first' ? 'new' : 'idempotent');
    await this.stream.acknowledge(
      sale.id,
      entries.map((entry) => entry.streamId),
      reservations.map((reservation) => reservation.reservationId),
    );
  }

  private async writeIsolating(sale: SaleView, reservations: AcceptedReservation[], mode: WriteMode): Promise<void> {
    try {
      await this.write(sale, reservations, mode);
      return;
    } catch (error) {
      if (mode === 'new') {
        if (!isUniqueViolation(error)) {
          this.logger.warn(`flash sale ${sale.id}: writing a batch with COPY failed (${(error as Error).message})`);
        }
        return this.writeIsolating(sale, reservations, 'idempotent');
      }
      if (!isEntryFault(error)) throw error;
      if (reservations.length === 1) return this.retryAlone(sale, reservations[0]);
    }
    const half = Math.ceil(reservations.length / 2);
    await this.writeIsolating(sale, reservations.slice(0, half), 'idempotent');
    await this.writeIsolating(sale, reservations.slice(half), 'idempotent');
  }

  private async retryAlone(sale: SaleView, reservation: AcceptedReservation): Promise<void> {
    try {
      await this.write(sale, [reservation], 'idempotent');
    } catch (error) {
      if (!isEntryFault(error)) throw error;
      await this.release(sale, reservation, (error as Error).message);
    }
  }

  private async release(sale: SaleView, reservation: AcceptedReservation, failure: string): Promise<void> {
    this.logger.error(`flash sale ${sale.id}: reservation ${reservation.id} cannot be written (${failure}); released`);
    await this.db.transaction(async () => {
      const locked = await this.repository.lockShared(sale.id);
      if (!locked) throw new Error(`flash sale ${sale.id} not found`);
      if (await this.writer.writeFailed(locked.redisEpoch, reservation, failure)) {
        await this.gate.release({
          id: reservation.id,
          saleId: sale.id,
          shopperId: reservation.shopperId,
          quantity: reservation.quantity,
        });
      }
    });
  }

  /**
   * The gate counted these entries before they reached the stream, so none left now means this batch (or one
   * before it) took the last unit: the sold-out commits with the batch, and a batch written again asks again.
   */
  private async write(sale: SaleView, reservations: AcceptedReservation[], mode: WriteMode): Promise<unknown> {
    const soldOut = (await this.gate.remaining(sale)) === 0;
    return this.db.transaction(async () => {
      const locked = await this.repository.lockShared(sale.id);
      if (!locked) throw new Error(`flash sale ${sale.id} not found`);
      const written = await this.writer.write(sale, locked.redisEpoch, reservations, mode);
      if (soldOut) await this.soldOut.record(sale, this.clock.now());
      return written;
    });
  }
}
