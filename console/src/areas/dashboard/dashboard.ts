import { api, queryString } from '../../api/client';
import { dayRange } from '../../time/time';

export const ORDER_KINDS = ['standard', 'flash_sale', 'group_buy'] as const;
export const CAMPAIGN_KINDS = ['coupon-templates', 'flash-sales', 'group-buys', 'lucky-draws', 'rebate-rules'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export interface PaidOrderFigures {
  ordersPaid: number;
  revenueFen: number;
  discountFen: number;
}

/** GET /v1/merchant/dashboard (docs/merchants.md#dashboard). */
export interface Dashboard extends PaidOrderFigures {
  from: string;
  to: string;
  refundedFen: number;
  rebatesPaidFen: number;
  activeCampaigns: number;
  byKind: { orders: Record<OrderKind, PaidOrderFigures>; activeCampaigns: Record<CampaignKind, number> };
}

/** GET /v1/merchant/dashboard/daily: one entry per calendar day of the timezone. */
export interface DailyDashboard {
  timezone: string;
  days: (PaidOrderFigures & { date: string; refundedFen: number; byKind: Record<OrderKind, PaidOrderFigures> })[];
}

/** The figures from midnight `daysBack` days ago to the end of today, in the merchant's timezone, as of now. */
export function fetchDashboard(zone: string, daysBack: number, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>(`/v1/merchant/dashboard${queryString(dayRange(new Date(), zone, daysBack))}`, { signal });
}

/** The last `days` days, today included, day by day in the merchant's timezone. */
export function fetchDaily(zone: string, days: number, signal?: AbortSignal): Promise<DailyDashboard> {
  const query = queryString({ ...dayRange(new Date(), zone, days - 1), timezone: zone });
  return api.get<DailyDashboard>(`/v1/merchant/dashboard/daily${query}`, { signal });
}

/** How often the dashboard asks again (the issue: at most every few seconds). */
export const REFRESH_MS = 5000;
