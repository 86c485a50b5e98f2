import type { LedgerKind } from './card-ledger';

/** `GET /v1/merchant/gift-cards/liability` (API.md). */
export interface Liability {
  outstandingFen: number;
  issuedFen: number;
  redeemedFen: number;
  refundedToCardsFen: number;
  expiredFen: number;
}

/**
 * The report from the signed sums of a merchant's ledger rows by kind. Outstanding is the sum of every row (a
 * gift's gift_out and gift_in cancel out), so issued + refunded = outstanding + redeemed + expired holds by
 * construction, whatever the rows are: the identity is a property of the ledger, not of a second counter.
 */
export function liabilityOf(sums: Partial<Record<LedgerKind, number>>): Liability {
  const of = (kind: LedgerKind) => sums[kind] ?? 0;
  return {
    outstandingFen: Object.values(sums).reduce((total, amount) => total + (amount ?? 0), 0),
    issuedFen: of('issue'),
    redeemedFen: -of('redeem'),
    refundedToCardsFen: of('refund'),
    expiredFen: -of('expire'),
  };
}

export const identityHolds = (report: Liability): boolean =>
  report.issuedFen + report.refundedToCardsFen === report.outstandingFen + report.redeemedFen + report.expiredFen;
