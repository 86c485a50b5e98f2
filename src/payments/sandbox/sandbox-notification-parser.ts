import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { GatewayNotification } from '../payment-gateway';
import { parseNotification } from '../wechatpay/notification-mapping';
import { SandboxKeyStore } from './sandbox-key-store';

/** Verifies a notification as a merchant SDK would, against the sandbox's platform key, then maps it for the port. */
@Injectable()
export class SandboxNotificationParser {
  constructor(
    private readonly keyStore: SandboxKeyStore,
    private readonly clock: Clock,
  ) {}

  async parse(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<GatewayNotification> {
    return parseNotification(headers, rawBody, await this.keyStore.keys(), this.clock.now());
  }
}
