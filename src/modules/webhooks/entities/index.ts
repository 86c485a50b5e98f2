import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export { WebhookDelivery, WebhookEndpoint, WebhookEvent };

export const WEBHOOK_ENTITIES = [WebhookEndpoint, WebhookEvent, WebhookDelivery];
