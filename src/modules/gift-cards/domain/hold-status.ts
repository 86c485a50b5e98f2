import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/** What an order awaiting payment holds of a card: taken when the order is paid, released when it is not. */
export type HoldStatus = 'held' | 'taken' | 'released';

export const HOLD_LIFECYCLE = defineLifecycle<HoldStatus>({
  name: 'gift card hold',
  table: 'gift_card_holds',
  initial: ['held'],
  transitions: { held: ['taken', 'released'], taken: [], released: [] },
});
