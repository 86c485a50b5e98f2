import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { validationFailed } from '../../platform/errors/domain-error';
import { CouponTemplateCounts } from '../coupons/coupon-template-counts.service';
import { FlashSaleCounts } from '../flash-sale/flash-sale-counts.service';
import { GroupBuyCounts } from '../group-buy/group-buy-counts.service';
import { LuckyDrawCounts } from '../lucky-draw/lucky-draw-counts.service';
import { OrderDailyFiguresService } from '../orders/order-daily-figures.service';
import { OrderFiguresService } from '../orders/order-figures.service';
import { RebateFigures } from '../rebates/rebate-figures.service';
import { DailyDashboardDto, DailyDashboardQuery } from './daily-dashboard.dto';
import { ActiveCampaignsByKindDto, DashboardDto, DashboardQuery } from './dashboard.dto';

const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A per-day series longer than a quarter is a report, not a dashboard chart. */
const MAX_DAILY_DAYS = 92;
const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The merchant's figures, each asked of the module that owns its tables; this module reads no table itself. */
@Injectable()
export class MerchantDashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly orders: OrderFiguresService,
    private readonly dailyOrders: OrderDailyFiguresService,
    private readonly rebates: RebateFigures,
    private readonly couponTemplates: CouponTemplateCounts,
    private readonly flashSales: FlashSaleCounts,
    private readonly groupBuys: GroupBuyCounts,
    private readonly luckyDraws: LuckyDrawCounts,
  ) {}

  async dashboard(merchantId: string, query: DashboardQuery): Promise<DashboardDto> {
    const now = this.clock.now();
    const { from, to } = this.range(query, now);
    const [orders, rebatesPaidFen, active] = await Promise.all([
      this.orders.figures(merchantId, from, to),
      this.rebates.paidFen(merchantId, from, to),
      this.activeCampaigns(merchantId, now),
    ]);
    const { byKind, ...totals } = orders;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      ...totals,
      rebatesPaidFen,
      activeCampaigns: Object.values(active).reduce((sum, count) => sum + count, 0),
      byKind: { orders: byKind, activeCampaigns: active },
    };
  }

  /** Orders and refunds per calendar day of the timezone, for the dashboard's series. */
  async daily(merchantId: string, query: DailyDashboardQuery): Promise<DailyDashboardDto> {
    const { from, to } = this.range(query, this.clock.now());
    if (to.getTime() - from.getTime() > MAX_DAILY_DAYS * DAY_MS) {
      throw validationFailed([{ field: 'from', problems: [`the range must be at most ${MAX_DAILY_DAYS} days`] }]);
    }
    const timezone = query.timezone ?? DEFAULT_TIMEZONE;
    const days = from < to ? await this.dailyOrders.daily(merchantId, from, to, timezone) : [];
    return { from: from.toISOString(), to: to.toISOString(), timezone, days };
  }

  private range(query: DashboardQuery, now: Date): { from: Date; to: Date } {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from > to) throw validationFailed([{ field: 'from', problems: ['from must not be after to'] }]);
    return { from, to };
  }

  private async activeCampaigns(merchantId: string, now: Date): Promise<ActiveCampaignsByKindDto> {
    const [couponTemplates, flashSales, groupBuys, luckyDraws, rebateRules] = await Promise.all([
      this.couponTemplates.active(merchantId, now),
      this.flashSales.active(merchantId, now),
      this.groupBuys.active(merchantId, now),
      this.luckyDraws.active(merchantId, now),
      this.rebates.activeRules(merchantId, now),
    ]);
    return {
      'coupon-templates': couponTemplates,
      'flash-sales': flashSales,
      'group-buys': groupBuys,
      'lucky-draws': luckyDraws,
      'rebate-rules': rebateRules,
    };
  }
}
