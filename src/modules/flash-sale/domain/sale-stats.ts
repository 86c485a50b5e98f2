export interface SaleStats {
  totalStock: number;
  /** Units held by reservations awaiting payment (queued in the gate or confirmed with an order). */
  reserved: number;
  paid: number;
  remaining: number;
}

export interface StockFigures {
  totalStock: number;
  /** Units of `confirmed` rows. */
  confirmedUnits: number;
  /** Units of `paid` rows. */
  paidUnits: number;
  /**
   * What the gate says is left, when it knows: the Redis key (which already counts reservations accepted but not
   * persisted yet) or the Postgres adapter's counter. null: derive it from the rows.
   */
  gateRemaining: number | null;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * The merchant's figures. They always add up to the stock, whatever the stores say in passing (a give-back
 * already in Redis but not yet committed, say): paid units are the record's, remaining is the gate's within
 * what is not paid, and reserved is the rest.
 */
export function saleStats(figures: StockFigures): SaleStats {
  const { totalStock } = figures;
  const paid = clamp(figures.paidUnits, 0, totalStock);
  const fromRows = totalStock - paid - clamp(figures.confirmedUnits, 0, totalStock - paid);
  const remaining = clamp(figures.gateRemaining ?? fromRows, 0, totalStock - paid);
  return { totalStock, reserved: totalStock - paid - remaining, paid, remaining };
}
