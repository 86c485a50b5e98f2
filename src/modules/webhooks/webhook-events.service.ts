import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { idFromKey } from '../../platform/ids/id-from-key';
import { JOBS_ENABLED } from '../../platform/jobs/job-runner';
import type { WebhookEventType } from './domain/event-types';
import { DispatchSignal } from './delivery/dispatch-signal';
import { WebhookEventsRepository } from './webhook-events.repository';

export interface EventOptions {
  /** Makes the event once per key, ever (a sale sells out once): a second record with the key adds nothing. */
  onceKey?: string;
}

/**
 * Records a webhook event in the caller's transaction, with one delivery row per enabled endpoint of the merchant
 * that subscribes to its type, in one statement: the event exists exactly when the change it reports commits, and
 * nothing is written when no endpoint listens. Once committed, this instance's dispatcher is woken.
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly repository: WebhookEventsRepository,
    private readonly signal: DispatchSignal,
    @Inject(JOBS_ENABLED) private readonly jobsEnabled: boolean,
  ) {}

  async record(
    merchantId: string,
    type: WebhookEventType,
    data: Record<string, unknown>,
    options: EventOptions = {},
  ): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`webhook event ${type} recorded outside a transaction`);
    const id = options.onceKey ? idFromKey(`webhook-event:${options.onceKey}`) : randomUUID();
    const createdAt = this.clock.now();
    const payload = { id, type, createdAt: createdAt.toISOString(), merchantId, data };
    const deliveries = await this.repository.insertWithDeliveries(payload, createdAt);
    if (deliveries > 0 && this.jobsEnabled) this.db.afterCommit(async () => this.signal.wake());
  }

  /** Whether recording the type for the merchant would deliver anything: lets a caller skip gathering its facts. */
  listens(merchantId: string, type: WebhookEventType): Promise<boolean> {
    return this.repository.listens(merchantId, type);
  }

  /** A campaign ended early by its merchant (`kind` as in its path: `flash-sales`, `group-buys`, ...). */
  campaignEnded(merchantId: string, kind: string, campaignId: string, endedAt: Date): Promise<void> {
    return this.record(merchantId, 'campaign.ended', { campaignId, kind, endedAt: endedAt.toISOString() });
  }
}
