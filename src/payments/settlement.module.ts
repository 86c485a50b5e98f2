import { Module } from '@nestjs/common';
import { NotifyController } from './notify/notify.controller';
import { PaymentsModule } from './payments.module';
import { PaymentEvents } from './notify/payment-events';
import { TransfersController } from './transfers/transfers.controller';
import { TransfersRepository } from './transfers/transfers.repository';
import { TransfersService } from './transfers/transfers.service';

/**
 * What this service does with the provider, whichever adapter is bound: its notifications, and transfers. Imported
 * by the modules that hear payments (orders) or pay shoppers (rebates, lucky draws).
 */
@Module({
  imports: [PaymentsModule],
  controllers: [NotifyController, TransfersController],
  providers: [PaymentEvents, TransfersRepository, TransfersService],
  exports: [PaymentEvents, TransfersService],
})
export class SettlementModule {}
