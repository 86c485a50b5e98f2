import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

export type FulfilmentStatus = 'pending' | 'shipped';
export const FULFILMENT_STATUSES: readonly FulfilmentStatus[] = ['pending', 'shipped'];

/**
 * An item prize won: `pending` from the draw until the merchant marks it `shipped`, which is final (a parcel that
 * left cannot be called back by a status). Kept on the draw's own row; draws that won no item have none.
 */
export const FULFILMENT_LIFECYCLE = defineLifecycle<FulfilmentStatus>({
  name: 'lucky draw fulfilment',
  table: 'lucky_draw_entries',
  column: 'fulfilment_status',
  initial: ['pending'],
  transitions: {
    pending: ['shipped'],
    shipped: [],
  },
});
