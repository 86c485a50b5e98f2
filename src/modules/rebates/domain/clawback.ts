/** What a paid rebate gave the shopper, as far as a clawback is concerned. */
export interface PaidRebate {
  /** The rebate paid. */
  amountFen: number;
  /** The part of it that paid off an earlier debt (the shopper had it as a smaller debt). */
  deductedFen: number;
  /** Whether its transfer ended failed: the transferred part never reached the shopper. */
  transferFailed: boolean;
  /** Clawed back of it so far. */
  clawedBackFen: number;
}

/**
 * How much more to claw back from a paid rebate after a refund, given what the rule gives the order now
 * (`keepFen`, the same `rebateFen` a refund before payment would have left). The shopper keeps what they would have
 * been paid had the refund come first: a full refund claws back everything they received, a partial one the
 * difference (for a percent rule, the refunded share). What never reached them (a failed transfer) is never owed,
 * and a clawback is never undone.
 */
export function furtherClawbackFen(rebate: PaidRebate, keepFen: number): number {
  const receivedFen = rebate.transferFailed ? rebate.deductedFen : rebate.amountFen;
  const owedInAllFen = Math.max(0, receivedFen - keepFen);
  return Math.max(0, owedInAllFen - rebate.clawedBackFen);
}
