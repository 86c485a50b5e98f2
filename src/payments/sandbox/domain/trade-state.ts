/** How a JSAPI order reads at an instant: WeChat Pay closes an unpaid order at time_expire whether or not anyone asks. */
import type { TradeState } from '../../payment-gateway';

export interface TradeTiming {
  tradeState: TradeState;
  timeExpire: Date;
}

/** NOTPAY at or past time_expire reads CLOSED; every other state is what was stored. */
export function effectiveTradeState(trade: TradeTiming, now: Date): TradeState {
  return trade.tradeState === 'NOTPAY' && now.getTime() >= trade.timeExpire.getTime() ? 'CLOSED' : trade.tradeState;
}

/** Paid, and possibly refunded since: closing is refused, refunds are allowed. */
export const isPaidState = (state: TradeState): boolean => state === 'SUCCESS' || state === 'REFUND';

const MINUTE_MS = 60_000;
const MIN_LIFETIME_MS = MINUTE_MS;
const MAX_LIFETIME_MS = 90 * 24 * 60 * MINUTE_MS;

/** time_expire as WeChat Pay applies it: no sooner than a minute after ordering, no later than 90 days. */
export function clampTimeExpire(requested: Date, now: Date): Date {
  const earliest = now.getTime() + MIN_LIFETIME_MS;
  const latest = now.getTime() + MAX_LIFETIME_MS;
  return new Date(Math.min(Math.max(requested.getTime(), earliest), latest));
}
