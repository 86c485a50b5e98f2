/** What one card gave an order, and how much of it has come back. */
export interface CardPayment {
  cardId: string;
  takenFen: number;
  refundedFen: number;
}

/**
 * How a refund of `amountFen` splits: back to the cards first, in the order they paid, each up to what it gave and
 * has not had back; the rest goes through the payment provider.
 */
export function splitRefund(
  payments: readonly CardPayment[],
  amountFen: number,
): { toCards: Array<{ cardId: string; amountFen: number }>; toGatewayFen: number } {
  let rest = amountFen;
  const toCards: Array<{ cardId: string; amountFen: number }> = [];
  for (const payment of payments) {
    const back = Math.min(rest, payment.takenFen - payment.refundedFen);
    if (back <= 0) continue;
    toCards.push({ cardId: payment.cardId, amountFen: back });
    rest -= back;
  }
  return { toCards, toGatewayFen: rest };
}
