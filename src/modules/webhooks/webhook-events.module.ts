import { Global, Module } from '@nestjs/common';
import { DispatchSignal } from './delivery/dispatch-signal';
import { WebhookEvents } from './webhook-events.service';
import { WebhookEventsRepository } from './webhook-events.repository';

/**
 * What other modules use to report their changes to merchants' webhooks, inside their own transactions. Global
 * and free of other modules, so every module may record events without importing the webhook registry.
 */
@Global()
@Module({
  providers: [WebhookEvents, WebhookEventsRepository, DispatchSignal],
  exports: [WebhookEvents, DispatchSignal],
})
export class WebhookEventsModule {}
