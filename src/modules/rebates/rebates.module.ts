import { Module } from '@nestjs/common';
import { SettlementModule } from '../../payments/settlement.module';
import { OrdersModule } from '../orders/orders.module';
import { ProductsModule } from '../products/products.module';
import { MerchantRebateRulesController } from './merchant-rebate-rules.controller';
import { RebateRulesService } from './rebate-rules.service';
import { RebatesController } from './rebates.controller';
import { RebateFigures } from './rebate-figures.service';
import { RebatesRepository } from './rebates.repository';
import { RebatesService } from './rebates.service';

/**
 * Cash rebates (API.md "Lucky draws and cash rebates"): earned from `order.paid`, adjusted by `order.refunded`
 * (both in the order's transaction, through TransactionEvents), paid through TransfersService by the `rebates.pay`
 * job. Orders are read through the orders module's OrderFactsService.
 */
@Module({
  imports: [ProductsModule, OrdersModule, SettlementModule],
  controllers: [MerchantRebateRulesController, RebatesController],
  providers: [RebatesRepository, RebateRulesService, RebatesService, RebateFigures],
  exports: [RebateFigures],
})
export class RebatesModule {}
