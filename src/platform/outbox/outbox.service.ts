import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { claimDue } from '../jobs/claim-due';
import { JobRunner } from '../jobs/job-runner';
import { OUTBOX_LIFECYCLE } from './outbox-lifecycle';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxEvent<Payload> {
  /** The message id: a stable key for handlers that need one. */
  id: string;
  topic: string;
  payload: Payload;
  attempts: number;
}

export type OutboxHandler<Payload> = (event: OutboxEvent<Payload>) => Promise<void>;

const BATCH = 50;
/** How long a claimed message is left to the instance delivering it before another may retry it. */
const LEASE_MS = 60_000;
/** After this many failed attempts a message is parked as `dead` for an operator. */
export const MAX_ATTEMPTS = 12;

/** Back-off after the nth failed attempt: 1 s, 2 s, 4 s ... capped at 5 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);

/**
 * The transactional outbox. `publish` writes one row per subscriber of a topic inside the caller's transaction,
 * so the event exists exactly when the change that caused it does; the dispatcher job delivers rows to their
 * in-process subscribers at least once, with back-off, and parks them as `dead` after MAX_ATTEMPTS.
 * Subscribers must be idempotent.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly logger = new Logger(OutboxService.name);
  private readonly subscribers = new Map<string, Map<string, OutboxHandler<never>>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register('outbox.dispatch', () => this.dispatch());
  }

  subscribe<Payload>(topic: string, subscriber: string, handler: OutboxHandler<Payload>): void {
    const forTopic = this.subscribers.get(topic) ?? new Map<string, OutboxHandler<never>>();
    if (forTopic.has(subscriber)) throw new Error(`${subscriber} subscribed to ${topic} twice`);
    forTopic.set(subscriber, handler as OutboxHandler<never>);
    this.subscribers.set(topic, forTopic);
  }

  /** Records an event in the current transaction (it must be inside one). */
  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`outbox: publish ${topic} outside a transaction`);
    const subscribers = [...(this.subscribers.get(topic)?.keys() ?? [])];
    if (subscribers.length === 0) return;
    const now = this.clock.now();
    const repo = this.db.repo(OutboxMessage);
    await repo.insert(
      subscribers.map((subscriber) =>
        repo.create({
          id: randomUUID(),
          topic,
          subscriber,
          payload,
          status: 'pending' as const,
          attempts: 0,
          availableAt: now,
          createdAt: now,
        }),
      ) as QueryDeepPartialEntity<OutboxMessage>[],
    );
  }

  /** Delivers what is due; returns how many messages were delivered. */
  async dispatch(): Promise<number> {
    const claimed = await this.claim();
    let delivered = 0;
    for (const message of claimed) {
      if (await this.deliver(message)) delivered++;
    }
    return delivered;
  }

  private async claim(): Promise<OutboxMessage[]> {
    const now = this.clock.now();
    return claimDue<OutboxMessage>(this.db, {
      table: 'outbox_messages',
      dueColumn: 'available_at',
      where: `status = 'pending'`,
      now,
      nextAt: new Date(now.getTime() + LEASE_MS),
      limit: BATCH,
      returning: 'id, topic, subscriber, payload, attempts',
      alsoSet: 'attempts = attempts + 1',
    });
  }

  private async deliver(message: OutboxMessage): Promise<boolean> {
    const handler = this.subscribers.get(message.topic)?.get(message.subscriber);
    try {
      if (!handler) throw new Error(`no subscriber ${message.subscriber} for ${message.topic} in this instance`);
      await handler({
        id: message.id,
        topic: message.topic,
        payload: message.payload as never,
        attempts: message.attempts,
      });
      await OUTBOX_LIFECYCLE.move(this.db, {
        to: 'delivered',
        where: { id: message.id },
        set: { delivered_at: this.clock.now(), last_error: null },
      });
      return true;
    } catch (error) {
      const dead = message.attempts >= MAX_ATTEMPTS;
      const text = error instanceof Error ? error.message : String(error);
      (dead ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger))(
        `outbox ${message.topic} -> ${message.subscriber} attempt ${message.attempts} failed${dead ? ' (dead)' : ''}: ${text}`,
      );
      await OUTBOX_LIFECYCLE.move(this.db, {
        to: dead ? 'dead' : 'pending',
        where: { id: message.id },
        set: {
          available_at: new Date(this.clock.now().getTime() + retryDelayMs(message.attempts)),
          last_error: text.slice(0, 2000),
        },
      });
      return false;
    }
  }
}
