import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { GatewayNotification, InvalidNotificationError } from '../payment-gateway';
import { NotificationVerificationError, verifyNotification } from '../wechatpay/notification';
import { toGatewayNotification } from './domain/notification-mapping';
import { SandboxKeyStore } from './sandbox-key-store';

/** Verifies a notification as a merchant SDK would, against the sandbox's platform key, then maps it for the port. */
@Injectable()
export class SandboxNotificationParser {
  constructor(
    private readonly keyStore: SandboxKeyStore,
    private readonly clock: Clock,
  ) {}

  async parse(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<GatewayNotification> {
    const account = await this.keyStore.keys();
    try {
      const verified = verifyNotification({
        headers,
        rawBody,
        platformPublicKeyPem: account.platformPublicKeyPem,
        platformSerial: account.platformSerial,
        apiV3Key: account.apiV3Key,
        now: this.clock.now(),
      });
      return toGatewayNotification(verified, account);
    } catch (error) {
      // Only refusals of the input become InvalidNotificationError; a broken key of our own is a real error.
      if (error instanceof NotificationVerificationError) throw new InvalidNotificationError(error.reason);
      throw error;
    }
  }
}
