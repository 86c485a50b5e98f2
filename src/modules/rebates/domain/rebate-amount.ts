/** The transfer API's limits for one payment (WECHATPAY.md §6): 0.1 to 200 yuan. */
export const REBATE_MIN_FEN = 10;
export const REBATE_MAX_FEN = 20_000;

export type RebateKind = 'fixed' | 'percent';
export const REBATE_KINDS: readonly RebateKind[] = ['fixed', 'percent'];

export interface RebateTerms {
  /** null: every product. */
  productIds: readonly string[] | null;
  minOrderFen: number;
  kind: RebateKind;
  valueFen: number | null;
  percent: number | null;
  maxRebateFen: number | null;
}

export interface PaidOrder {
  lines: ReadonlyArray<{ productId: string; quantity: number; unitPriceFen: number }>;
  /** List price of all lines. */
  subtotalFen: number;
  /** What was paid through the provider. */
  totalFen: number;
  /**
   * What gift cards paid. It counts as paid: a card is stored value the shopper (or whoever gave it) paid for, and
   * its purchase earns no rebate (API.md), so the rebate is earned once, when the value is spent on goods.
   */
  giftCardFen: number;
  /** What has been refunded of it so far (to the cards and through the provider). */
  refundedFen: number;
}

/**
 * What the shopper has paid, and still keeps, for the lines a rule covers: the lines' list amount scaled by the
 * share of the order's list price the shopper paid and still has paid (after discounts and refunds), rounded
 * down: floor(eligibleListFen × (totalFen + giftCardFen − refundedFen) / subtotalFen).
 */
export function eligiblePaidFen(terms: Pick<RebateTerms, 'productIds'>, order: PaidOrder): number {
  const scope = terms.productIds === null ? null : new Set(terms.productIds);
  const listFen = order.lines
    .filter((line) => scope === null || scope.has(line.productId))
    .reduce((sum, line) => sum + BigInt(line.unitPriceFen) * BigInt(line.quantity), 0n);
  const keptFen = BigInt(Math.max(0, order.totalFen + order.giftCardFen - order.refundedFen));
  if (order.subtotalFen <= 0 || listFen === 0n || keptFen === 0n) return 0;
  return Number((listFen * keptFen) / BigInt(order.subtotalFen));
}

/**
 * The rebate a rule gives an order, in fen; 0 means none. Below `minOrderFen` of eligible paid amount: 0.
 * fixed: `valueFen`; percent: `percent`% of the eligible amount, rounded down. Then capped by `maxRebateFen`, by
 * the eligible amount itself and by the transfer maximum; an amount under the transfer minimum (10 fen) is 0.
 */
export function rebateFen(terms: RebateTerms, order: PaidOrder): number {
  const eligible = eligiblePaidFen(terms, order);
  if (eligible === 0 || eligible < terms.minOrderFen) return 0;
  const raw = terms.kind === 'fixed' ? (terms.valueFen ?? 0) : Math.floor((eligible * (terms.percent ?? 0)) / 100);
  const amount = Math.min(raw, terms.maxRebateFen ?? Number.MAX_SAFE_INTEGER, eligible, REBATE_MAX_FEN);
  return amount < REBATE_MIN_FEN ? 0 : amount;
}
