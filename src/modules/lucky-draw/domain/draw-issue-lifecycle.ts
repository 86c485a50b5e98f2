import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { IssueStatus } from '../entities/lucky-draw-entry.entity';

/**
 * What a draw owes after it is recorded. A won coupon is issued in the draw's own transaction and a cash prize's
 * transfer requested there, so a new draw starts `issued` (or `none`: a miss, an item, a "thanks"). `pending` is
 * left only by draws recorded before coupons were issued in the draw; the outbox settles them once, either way.
 */
export const DRAW_ISSUE_LIFECYCLE = defineLifecycle<IssueStatus>({
  name: 'lucky draw issue',
  table: 'lucky_draw_entries',
  column: 'issue_status',
  initial: ['none', 'issued'],
  retired: ['pending'],
  transitions: {
    none: [],
    issued: [],
    pending: ['issued', 'failed'],
    failed: [],
  },
});
