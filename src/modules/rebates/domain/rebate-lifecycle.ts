import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { RebateStatus } from '../entities/rebate.entity';

/**
 * A rebate is `pending` from its order's payment until it is due: repriced in place by refunds (pending to
 * pending), `cancelled` when nothing is left to rebate, `paid` once its transfer is requested (or its whole amount
 * went to a debt). A refund after that claws it back: `clawed_back`, again for each further refund (clawed_back to
 * clawed_back). Whether the transfer then fails is the transfer's own state (shoppers see such a rebate as
 * `failed`), not a move here.
 */
export const REBATE_LIFECYCLE = defineLifecycle<RebateStatus>({
  name: 'rebate',
  table: 'rebates',
  initial: ['pending'],
  transitions: {
    pending: ['pending', 'paid', 'cancelled'],
    paid: ['clawed_back'],
    clawed_back: ['clawed_back'],
    cancelled: [],
  },
});
