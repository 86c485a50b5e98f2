import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { DestinationPolicy } from './delivery/destination-policy';
import { DestinationResolver } from './delivery/destination-resolver';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookSender } from './delivery/webhook-sender';
import { MerchantWebhookDeliveriesController } from './merchant-webhook-deliveries.controller';
import { MerchantWebhookEndpointsController } from './merchant-webhook-endpoints.controller';
import { OrderWebhooks } from './order-webhooks';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSecretSeal } from './webhook-secret-seal';

/**
 * Signed merchant webhooks (API.md "Webhooks"): the endpoint registry, order events recorded in the order's
 * transaction (other modules record theirs through WebhookEventsModule), and the `webhooks.dispatch` job that
 * delivers them with Standard Webhooks signatures, retries and the SSRF guard.
 */
@Module({
  imports: [OrdersModule],
  controllers: [MerchantWebhookEndpointsController, MerchantWebhookDeliveriesController],
  providers: [
    WebhookSecretSeal,
    DestinationResolver,
    DestinationPolicy,
    WebhookSender,
    WebhookDispatcher,
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    OrderWebhooks,
  ],
})
export class WebhooksModule {}
