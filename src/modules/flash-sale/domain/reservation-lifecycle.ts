import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { ReservationRowStatus } from './reservation-status';

/**
 * A reservation row's life. Written `confirmed` (with its order) or, for an entry of a lost gate generation or
 * one that cannot be written (persist/), straight away `released`; a confirmed one moves once, with its order:
 * to `paid`, or to `released` (its units go back to the gate).
 */
export const RESERVATION_LIFECYCLE = defineLifecycle<ReservationRowStatus>({
  name: 'flash reservation',
  table: 'flash_reservations',
  initial: ['confirmed', 'released'],
  transitions: {
    confirmed: ['paid', 'released'],
    paid: [],
    released: [],
  },
});
