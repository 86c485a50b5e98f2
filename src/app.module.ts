import { DynamicModule, Module } from '@nestjs/common';
import { PaymentsModule } from './payments/payments.module';
import { SandboxRoutesModule } from './payments/sandbox/sandbox-routes.module';
import { SettlementModule } from './payments/settlement.module';
import { CouponsModule } from './modules/coupons/coupons.module';
import { FlashSaleModule } from './modules/flash-sale/flash-sale.module';
import { GiftCardsModule } from './modules/gift-cards/gift-cards.module';
import { GroupBuyModule } from './modules/group-buy/group-buy.module';
import { LuckyDrawModule } from './modules/lucky-draw/lucky-draw.module';
import { RebatesModule } from './modules/rebates/rebates.module';
import { OrdersModule } from './modules/orders/orders.module';
import { MerchantDashboardModule } from './modules/merchant-dashboard/merchant-dashboard.module';
import { MerchantsModule } from './modules/merchants/merchants.module';
import { ProductsModule } from './modules/products/products.module';
import { ShoppersModule } from './modules/shoppers/shoppers.module';
import { SandboxWechatAuthRoutesModule } from './modules/shoppers/wechat-auth/sandbox-wechat-auth-routes.module';
import { WebhookEventsModule } from './modules/webhooks/webhook-events.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { PlatformModule, PlatformOptions } from './platform/platform.module';
import { Runtime } from './platform/runtime/runtime';
import { sandboxRouteModules } from './platform/sandbox/sandbox-surface';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime, options: PlatformOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(runtime, options),
        WebhookEventsModule,
        PaymentsModule,
        SettlementModule,
        MerchantsModule,
        ShoppersModule,
        ProductsModule,
        OrdersModule,
        CouponsModule,
        FlashSaleModule,
        GroupBuyModule,
        LuckyDrawModule,
        RebatesModule,
        GiftCardsModule,
        MerchantDashboardModule,
        WebhooksModule,
        ...sandboxRouteModules(runtime.config, [SandboxRoutesModule, SandboxWechatAuthRoutesModule]),
      ],
    };
  }
}
