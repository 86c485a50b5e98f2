import { defineLifecycle } from '../lifecycle/lifecycle';
import type { OutboxStatus } from './outbox-message.entity';

/**
 * An outbox message: `pending` until its subscriber succeeds (`delivered`); a failed attempt leaves it pending with
 * its next attempt scheduled, and after MAX_ATTEMPTS it is parked as `dead` for an operator.
 */
export const OUTBOX_LIFECYCLE = defineLifecycle<OutboxStatus>({
  name: 'outbox message',
  table: 'outbox_messages',
  initial: ['pending'],
  transitions: {
    pending: ['pending', 'delivered', 'dead'],
    delivered: [],
    dead: [],
  },
});
