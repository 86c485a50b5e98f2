/** The event catalogue of API.md "Webhooks": what an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
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
  // Listed so endpoints may subscribe ahead of issue 19; nothing emits them until gift cards exist.
  'gift_card.purchased',
  'gift_card.redeemed',
  'campaign.ended',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Subscribes an endpoint to every type, present and future. */
export const ALL_EVENTS = '*';

export const isEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
