import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { validationFailed } from '../../platform/errors/domain-error';
import { CouponTemplateCounts } from '../coupons/coupon-template-counts.service';
import { FlashSaleCounts } from '../flash-sale/flash-sale-counts.service';
import { GroupBuyCounts } from '../group-buy/group-buy-counts.service';
import { LuckyDrawCounts } from '../lucky-draw/lucky-draw-counts.service';
import { OrderFiguresService } from '../orders/order-figures.service';
import { RebateFigures } from '../rebates/rebate-figures.service';
import { ActiveCampaignsByKindDto, DashboardDto, DashboardQuery } from './dashboard.dto';

const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The merchant's figures, each asked of the module that owns its tables; this module reads no table itself. */
@Injectable()
export class MerchantDashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly orders: OrderFiguresService,
    private readonly rebates: RebateFigures,
    private readonly couponTemplates: CouponTemplateCounts,
    private readonly flashSales: FlashSaleCounts,
    private readonly groupBuys: GroupBuyCounts,
    private readonly luckyDraws: LuckyDrawCounts,
  ) {}

  async dashboard(merchantId: string, query: DashboardQuery): Promise<DashboardDto> {
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from > to) throw validationFailed([{ field: 'from', problems: ['from must not be after to'] }]);
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
