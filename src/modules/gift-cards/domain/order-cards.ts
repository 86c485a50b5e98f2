/**
 * The issue key of each card a `gift_card` order buys: one per line and unit, under a unique index, so a payment
 * notified five times issues the cards once, and a refund finds exactly the cards its order issued.
 */
export const orderCardKey = (orderId: string, line: number, unit: number): string => `order:${orderId}:${line}:${unit}`;

export function orderCardKeys(order: { id: string; lines: ReadonlyArray<{ quantity: number }> }): string[] {
  return order.lines.flatMap((item, line) =>
    Array.from({ length: item.quantity }, (_, unit) => orderCardKey(order.id, line, unit)),
  );
}

/**
 * How many more cards a refund takes back: all the order's refunds holding money (this one included) must pay for
 * whole cards at the price they were bought at. Null when they do not.
 */
export function cardsToTakeBack(refundedFen: number, unitPriceFen: number, takenBack: number): number | null {
  if (refundedFen % unitPriceFen !== 0) return null;
  return refundedFen / unitPriceFen - takenBack;
}
