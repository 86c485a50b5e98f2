import { Module } from '@nestjs/common';
import { CouponsModule } from '../coupons/coupons.module';
import { FlashSaleCounts } from '../flash-sale/flash-sale-counts.service';
import { GroupBuyModule } from '../group-buy/group-buy.module';
import { LuckyDrawModule } from '../lucky-draw/lucky-draw.module';
import { OrdersModule } from '../orders/orders.module';
import { RebatesModule } from '../rebates/rebates.module';
import { MerchantDashboardController } from './merchant-dashboard.controller';
import { MerchantDashboardService } from './merchant-dashboard.service';

/**
 * `GET /v1/merchant/dashboard` (docs/merchants.md "Dashboard"): each figure comes from the module that owns it.
 * FlashSaleCounts is provided here rather than exported by FlashSaleModule only while that module is being
 * reworked on another branch; it still reads nothing but the flash-sale module's own table.
 */
@Module({
  imports: [OrdersModule, RebatesModule, CouponsModule, GroupBuyModule, LuckyDrawModule],
  controllers: [MerchantDashboardController],
  providers: [MerchantDashboardService, FlashSaleCounts],
})
export class MerchantDashboardModule {}
