/** The webhook resources of API.md "Webhooks" (docs/webhooks.md). */
export const ENDPOINTS_PATH = '/v1/merchant/webhook-endpoints';

/** The contract's event catalogue: what an endpoint may subscribe to. */
export const EVENT_TYPES = [
  'order.paid',
  'order.cancelled',
  'order.refunded',
  'refund.succeeded',
  'refund.failed',
  'flash_sale.sold_out',
  'group_room.completed',
  'group_room.failed',
  'lucky_draw.prize_won',
  'rebate.paid',
  'transfer.succeeded',
  'transfer.failed',
  'gift_card.purchased',
  'gift_card.redeemed',
  'campaign.ended',
] as const;

/** Subscribes to every type, present and future. */
export const ALL_EVENTS = '*';

/** The i18n key of an event type's description ("order.paid" -> "eventType.order_paid"). */
export const eventTypeKey = (type: string): string => `eventType.${type.replace(/\./g, '_')}`;

export type EndpointStatus = 'enabled' | 'disabled';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  status: EndpointStatus;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export const deliveriesPath = (endpointId: string): string => `${ENDPOINTS_PATH}/${endpointId}/deliveries`;
