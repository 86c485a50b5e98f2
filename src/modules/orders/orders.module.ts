import { Module, OnModuleInit } from '@nestjs/common';
import { PaymentEvents } from '../../payments/notify/payment-events';
import { PaymentsModule } from '../../payments/payments.module';
import { PaymentPreparation } from '../../payments/preparation/payment-preparation';
import { PaymentPreparationModule } from '../../payments/preparation/payment-preparation.module';
import { SettlementModule } from '../../payments/settlement.module';
import { CouponsModule } from '../coupons/coupons.module';
import { ProductsModule } from '../products/products.module';
import { DeferredPaymentOrders } from './deferred-payment-orders';
import { OrderExpiryJob } from './jobs/order-expiry.job';
import { PaymentReconciliationJob } from './jobs/payment-reconciliation.job';
import { MerchantOrdersController } from './merchant-orders.controller';
import { OrderCsvExportService } from './order-csv-export.service';
import { OrderDailyFiguresService } from './order-daily-figures.service';
import { OrderFiguresService } from './order-figures.service';
import { OrderFactsService } from './order-facts.service';
import { OrderPaymentsService } from './order-payments.service';
import { OrderRefundsRepository } from './order-refunds.repository';
import { OrderRefundsService } from './order-refunds.service';
import { OrderTransitions } from './order-transitions';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [ProductsModule, CouponsModule, PaymentsModule, SettlementModule, PaymentPreparationModule],
  controllers: [OrdersController, MerchantOrdersController],
  providers: [
    OrderFiguresService,
    OrderDailyFiguresService,
    OrdersService,
    DeferredPaymentOrders,
    OrderTransitions,
    OrderPaymentsService,
    OrderRefundsService,
    OrderExpiryJob,
    PaymentReconciliationJob,
    OrderFactsService,
    OrdersRepository,
    OrderRefundsRepository,
    OrderCsvExportService,
  ],
  exports: [
    OrdersService,
    OrderRefundsService,
    DeferredPaymentOrders,
    OrderFactsService,
    OrderFiguresService,
    OrderDailyFiguresService,
  ],
})
export class OrdersModule implements OnModuleInit {
  constructor(
    private readonly events: PaymentEvents,
    private readonly payments: OrderPaymentsService,
    private readonly refunds: OrderRefundsService,
    private readonly preparation: PaymentPreparation,
    private readonly deferred: DeferredPaymentOrders,
  ) {}

  onModuleInit(): void {
    this.events.onTransaction((transaction) => this.payments.applyTransaction(transaction));
    this.events.onRefund((refund) => this.refunds.applyResult(refund));
    this.preparation.onOpen((outTradeNo) => this.deferred.openForPayment(outTradeNo));
  }
}
