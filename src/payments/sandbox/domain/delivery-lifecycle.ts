import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { DeliveryStatus } from '../entities/sandbox-delivery.entity';

/**
 * A notification the sandbox provider owes our notify URL: `pending` while attempts remain (each failed one leaves it
 * pending with its next attempt scheduled), `delivered` once acknowledged, `failed` after the last attempt.
 */
export const DELIVERY_LIFECYCLE = defineLifecycle<DeliveryStatus>({
  name: 'sandbox notification delivery',
  table: 'sandbox_deliveries',
  initial: ['pending'],
  transitions: {
    pending: ['pending', 'delivered', 'failed'],
    delivered: [],
    failed: [],
  },
});
