import { Module } from '@nestjs/common';
import { PaymentPreparationModule } from '../preparation/payment-preparation.module';
import { NotificationPoster } from './delivery/notification-poster';
import { SandboxDeliveryQueue } from './delivery/sandbox-delivery-queue';
import { SandboxDeliveryJob } from './jobs/sandbox-delivery.job';
import { SandboxSettlementJob } from './jobs/sandbox-settlement.job';
import { SandboxFaults } from './sandbox-faults';
import { SandboxKeyStore } from './sandbox-key-store';
import { SandboxNotificationParser } from './sandbox-notification-parser';
import { SandboxPaymentGateway } from './sandbox-payment-gateway';
import { SandboxRefunds } from './sandbox-refunds.service';
import { SandboxSettings } from './sandbox-settings';
import { SandboxShopper } from './sandbox-shopper.service';
import { SandboxTransactions } from './sandbox-transactions.service';
import { SandboxTransfers } from './sandbox-transfers.service';

/**
 * The simulated WeChat Pay provider: its gateway, its shopper, its notification delivery. Its routes are in
 * SandboxRoutesModule, registered only where the sandbox is served (platform/sandbox/sandbox-surface.ts).
 */
@Module({
  imports: [PaymentPreparationModule],
  providers: [
    SandboxKeyStore,
    SandboxSettings,
    SandboxFaults,
    SandboxTransactions,
    SandboxRefunds,
    SandboxTransfers,
    SandboxNotificationParser,
    SandboxPaymentGateway,
    SandboxShopper,
    SandboxDeliveryQueue,
    NotificationPoster,
    SandboxDeliveryJob,
    SandboxSettlementJob,
  ],
  exports: [SandboxPaymentGateway, SandboxKeyStore, SandboxFaults, SandboxSettings, SandboxShopper],
})
export class SandboxGatewayModule {}
