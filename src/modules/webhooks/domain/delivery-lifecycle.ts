import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { DeliveryStatus } from '../entities/webhook-delivery.entity';

/**
 * A delivery is `pending` (due, leased or backing off) until a 2xx (`succeeded`, for good) or its last scheduled
 * attempt (`failed`, which a manual retry brings back to `pending`).
 */
export const DELIVERY_LIFECYCLE = defineLifecycle<DeliveryStatus>({
  name: 'webhook delivery',
  table: 'webhook_deliveries',
  initial: ['pending'],
  transitions: {
    pending: ['pending', 'succeeded', 'failed'],
    succeeded: [],
    failed: ['pending'],
  },
});
