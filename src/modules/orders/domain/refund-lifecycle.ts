import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

export type RefundRowStatus = 'processing' | 'succeeded' | 'failed';

/**
 * A refund of an order (API.md: `processing` → `succeeded` | `failed`): asked for, then settled by what the provider
 * says. A failed refund no longer counts against what the order may still refund.
 */
export const REFUND_LIFECYCLE = defineLifecycle<RefundRowStatus>({
  name: 'refund',
  table: 'order_refunds',
  initial: ['processing'],
  transitions: {
    processing: ['succeeded', 'failed'],
    succeeded: [],
    failed: [],
  },
});

/** The refunds that take from what an order may still refund: those that succeeded and those still in flight. */
export const REFUNDS_HOLDING_MONEY: readonly RefundRowStatus[] = ['processing', 'succeeded'];
