import { REBATE_MIN_FEN } from './rebate-amount';

export interface Payout {
  /** What the rebate pays off of the shopper's clawed-back debt at the merchant. */
  deductedFen: number;
  /** What is transferred: the rest, 0 (nothing sent) or at least the transfer minimum. */
  transferFen: number;
}

/**
 * Splits a due rebate between what the shopper owes the merchant (clawed-back rebates) and a transfer. As much of
 * the debt as the rebate covers is deducted, except that a transfer is never left under the provider's minimum
 * (WECHATPAY.md §6): then the minimum is transferred and the rest of the debt stays owed.
 */
export function payout(amountFen: number, owedFen: number): Payout {
  let deductedFen = Math.min(Math.max(owedFen, 0), amountFen);
  if (amountFen - deductedFen > 0 && amountFen - deductedFen < REBATE_MIN_FEN) {
    deductedFen = Math.max(0, amountFen - REBATE_MIN_FEN);
  }
  return { deductedFen, transferFen: amountFen - deductedFen };
}
