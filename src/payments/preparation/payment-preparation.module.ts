import { Module } from '@nestjs/common';
import { PaymentPreparation } from './payment-preparation';

/** One PaymentPreparation shared by the module that registers the opener (orders) and the sandbox that calls it. */
@Module({ providers: [PaymentPreparation], exports: [PaymentPreparation] })
export class PaymentPreparationModule {}
