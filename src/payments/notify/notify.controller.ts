import { Controller, HttpCode, Logger, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors/domain-error';
import { InvalidNotificationError, PaymentGateway } from '../payment-gateway';
import { PaymentEvents } from './payment-events';

/**
 * The provider's notify URL. The signature is checked over the exact bytes received, then the resource is
 * decrypted, then the event applied; a 2xx tells the provider to stop re-sending. Duplicates are expected
 * and change nothing twice.
 */
@ApiTags('payments')
@SkipThrottle()
@Controller('v1/payments/wechat')
export class NotifyController {
  private readonly logger = new Logger(NotifyController.name);

  constructor(
    private readonly gateway: PaymentGateway,
    private readonly events: PaymentEvents,
  ) {}

  @Post('notify')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Accepted: the provider stops re-sending' })
  @ApiUnauthorizedResponse({ description: 'INVALID_SIGNATURE: signature, timestamp window or decryption failed' })
  async notify(@Req() request: RawBodyRequest<FastifyRequest>): Promise<void> {
    let notification;
    try {
      notification = await this.gateway.parseNotification(request.headers, request.rawBody ?? Buffer.alloc(0));
    } catch (error) {
      if (!(error instanceof InvalidNotificationError)) throw error;
      this.logger.warn(`refused a notification: ${error.reason}`);
      throw new DomainError('INVALID_SIGNATURE', 'Notification failed verification', { reason: error.reason });
    }
    switch (notification.kind) {
      case 'transaction':
        return this.events.transaction(notification.transaction);
      case 'refund':
        return this.events.refund(notification.refund);
      case 'transfer':
        return this.events.transfer(notification.transfer);
    }
  }
}
