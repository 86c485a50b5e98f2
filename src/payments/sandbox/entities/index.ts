import { SandboxDelivery } from './sandbox-delivery.entity';
import { SandboxKeys } from './sandbox-keys.entity';
import { SandboxRefund } from './sandbox-refund.entity';
import { SandboxTransaction } from './sandbox-transaction.entity';
import { SandboxTransfer } from './sandbox-transfer.entity';

export const SANDBOX_ENTITIES = [SandboxKeys, SandboxTransaction, SandboxRefund, SandboxTransfer, SandboxDelivery];
