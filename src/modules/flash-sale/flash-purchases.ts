import { Injectable } from '@nestjs/common';
import type { ShopperCaller } from '../../platform/auth/caller';
import { Clock } from '../../platform/clock/clock';
import { DomainError, notFound, validationFailed } from '../../platform/errors/domain-error';
import { GateMetrics, GateOutcome } from '../../platform/metrics/gate-metrics';
import { isOpen } from './domain/sale-status';
import {
  flashSaleLimitReached,
  flashSaleNotActive,
  flashSaleSoldOut,
  idempotencyKeyReused,
  purchaseRateLimited,
} from './flash-sale.errors';
import { FLASH_SALE_GATE } from './flash-sale-metrics';
import { FlashStockGate, Reservation, ReserveOutcome, SaleView } from './gate/flash-stock-gate';
import { SaleDirectory } from './sale-directory';

/**
 * The answers a stampede gives most, made once: refusals are returned, not thrown, on this path (an Error's
 * stack costs more than the rest of a sold-out answer).
 */
export const REFUSALS = {
  notFound: notFound('Flash sale'),
  notActive: flashSaleNotActive(),
  soldOut: flashSaleSoldOut(),
  limitReached: flashSaleLimitReached(),
  keyReused: idempotencyKeyReused(),
} as const;

/** A reservation, or the refusal the route answers with (returned, not thrown). */
export type PurchaseAnswer = Reservation | DomainError;

export interface PurchaseRequest {
  shopper: ShopperCaller;
  saleId: string;
  quantity: number;
  idempotencyKey: string | null;
}

/**
 * One purchase attempt. In process first, so a stampede on a sale that is not open or already sold out costs no
 * call to anything: the sale (cached), the quantity against its limit, the window and the sold-out flag. A
 * request with an Idempotency-Key skips the last two: its repeat must get the first answer, which only the gate
 * knows. Then one gate call decides. Every attempt's outcome is counted (GateMetrics, gate `flash_sale`).
 */
@Injectable()
export class FlashPurchases {
  constructor(
    private readonly directory: SaleDirectory,
    private readonly gate: FlashStockGate,
    private readonly clock: Clock,
    private readonly metrics: GateMetrics,
  ) {}

  /**
   * The refusal this instance can give without a lookup or a gate call: a sale it knows that is not open, or sold
   * out by its flag; null when throughGate() must decide. A call with an Idempotency-Key always goes to the gate
   * (a repeat must get its first answer). Synchronous: under a stampede most calls end here, with no promise made.
   */
  refusalInProcess(request: PurchaseRequest): PurchaseAnswer | null {
    if (request.idempotencyKey !== null) return null;
    const sale = this.directory.known(request.saleId);
    if (!sale || request.quantity > sale.perUserLimit) return null;
    if (!isOpen(sale, this.clock.now().getTime())) return this.counted('not_active', REFUSALS.notActive);
    return this.directory.isSoldOut(sale.id) ? this.counted('sold_out', REFUSALS.soldOut) : null;
  }

  /**
   * What refusalInProcess left undecided: the sale (loaded when this instance did not hold it), the quantity
   * against its limit, its window, then one gate call. The sold-out flag is not consulted again: the call that a
   * due recheck let through must reach the gate.
   */
  async throughGate(request: PurchaseRequest): Promise<PurchaseAnswer> {
    const sale = await this.directory.find(request.saleId);
    if (!sale) return this.counted('not_found', REFUSALS.notFound);
    if (request.quantity > sale.perUserLimit) {
      return this.counted(
        'invalid',
        validationFailed([{ field: 'quantity', problems: [`must not exceed perUserLimit (${sale.perUserLimit})`] }]),
      );
    }
    const nowMs = this.clock.now().getTime();
    if (request.idempotencyKey === null && !isOpen(sale, nowMs)) return this.counted('not_active', REFUSALS.notActive);
    let outcome: ReserveOutcome;
    try {
      outcome = await this.gate.reserve(sale, {
        shopper: request.shopper,
        quantity: request.quantity,
        idempotencyKey: request.idempotencyKey,
        nowMs,
      });
    } catch (error) {
      this.metrics.attempt(FLASH_SALE_GATE, 'unavailable');
      throw error;
    }
    const answer = this.settle(sale, request, outcome);
    this.metrics.attempt(FLASH_SALE_GATE, answer === REFUSALS.keyReused ? 'invalid' : outcome.kind);
    return answer;
  }

  private counted(outcome: GateOutcome, answer: PurchaseAnswer): PurchaseAnswer {
    this.metrics.attempt(FLASH_SALE_GATE, outcome);
    return answer;
  }

  private settle(sale: SaleView, request: PurchaseRequest, outcome: ReserveOutcome): PurchaseAnswer {
    switch (outcome.kind) {
      case 'accepted':
        this.noteRemaining(sale.id, outcome.remaining);
        return { reservationId: outcome.reservationId, status: outcome.status, orderId: outcome.orderId };
      case 'repeat':
        if (outcome.quantity !== request.quantity) return REFUSALS.keyReused;
        return { reservationId: outcome.reservationId, status: outcome.status, orderId: outcome.orderId };
      case 'sold_out':
        this.noteRemaining(sale.id, outcome.remaining);
        return REFUSALS.soldOut;
      case 'limit_reached':
        if (outcome.remaining !== null) this.noteRemaining(sale.id, outcome.remaining);
        return REFUSALS.limitReached;
      case 'not_active':
        return REFUSALS.notActive;
      case 'rate_limited':
        return purchaseRateLimited(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)));
    }
  }

  /**
   * What the gate said is left sets the flag, or drops it: units came back without this instance hearing of it
   * (an announcement missed, the Postgres adapter's releases on another instance, a stale sold-out answer that
   * re-armed the flag after a restock), so the recheck that let this attempt through ends the flag, whether the
   * attempt was accepted or only refused for the shopper's limit.
   */
  private noteRemaining(saleId: string, remaining: number): void {
    if (remaining <= 0) this.directory.markSoldOut(saleId);
    else this.directory.clearSoldOut(saleId);
  }
}
