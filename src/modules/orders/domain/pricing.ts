import { assertFen, sumFen } from '../../../platform/money/money';

export interface PricedLine {
  quantity: number;
  unitPriceFen: number;
}

export interface OrderTotals {
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
}

/**
 * Totals once gift cards pay `giftCardFen` of what is left after the discount: totalFen is what the provider
 * collects, 0 when the cards pay it all (the order is then paid without the provider).
 */
export function payWithGiftCards(totals: OrderTotals, giftCardFen: number): OrderTotals & { giftCardFen: number } {
  if (!Number.isSafeInteger(giftCardFen) || giftCardFen < 0 || giftCardFen > totals.totalFen) {
    throw new RangeError(`gift cards cannot pay ${giftCardFen} of ${totals.totalFen}`);
  }
  return { ...totals, giftCardFen, totalFen: totals.totalFen - giftCardFen };
}

/**
 * Totals of an order. The provider refuses a payment of 0 fen, so a discount leaves at least 1 fen to pay;
 * it is never negative and never more than the subtotal.
 */
export function priceOrder(lines: readonly PricedLine[], discountFen = 0): OrderTotals {
  if (lines.length === 0) throw new RangeError('an order has at least one line');
  const subtotalFen = sumFen(lines.map((line) => assertFen(line.unitPriceFen) * line.quantity));
  if (subtotalFen < 1) throw new RangeError('an order costs at least 1 fen');
  const discount = Math.min(assertFen(discountFen), subtotalFen - 1);
  return { subtotalFen, discountFen: discount, totalFen: subtotalFen - discount };
}
