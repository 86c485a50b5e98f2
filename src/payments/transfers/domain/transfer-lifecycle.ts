import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { TransferStatus } from '../transfer.entity';

/** A transfer is `processing` from its request until the provider settles it, once, either way. */
export const TRANSFER_LIFECYCLE = defineLifecycle<TransferStatus>({
  name: 'transfer',
  table: 'transfers',
  initial: ['processing'],
  transitions: {
    processing: ['succeeded', 'failed'],
    succeeded: [],
    failed: [],
  },
});
