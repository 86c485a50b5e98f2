import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import type { SandboxEvent } from '../domain/sandbox-events';
import { SandboxDelivery } from '../entities/sandbox-delivery.entity';
import { SandboxSettings } from '../sandbox-settings';

/** The notifications the sandbox owes the notify URL: one row each, sent and re-sent by the delivery job. */
@Injectable()
export class SandboxDeliveryQueue {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SandboxSettings,
  ) {}

  /** Records a notification inside the caller's transaction: it exists exactly when the state change that caused it does. */
  async enqueue(event: SandboxEvent): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`sandbox: ${event.eventType} enqueued outside a transaction`);
    const now = this.clock.now();
    await this.db.repo(SandboxDelivery).insert({
      id: randomUUID(),
      eventId: randomUUID(),
      eventType: event.eventType,
      originalType: event.originalType,
      summary: event.summary,
      resource: event.resource,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + this.settings.current().delayMs),
      lastHttpStatus: null,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
    });
  }
}
