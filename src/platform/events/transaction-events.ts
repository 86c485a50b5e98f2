import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

export type TransactionEventHandler<Payload> = (payload: Payload) => Promise<void>;

/**
 * Consequences that live in the same database as their cause (a coupon used when its order is paid, a seat freed
 * when its order is cancelled): `emit` runs every subscriber of a topic at once, inside the cause's transaction,
 * so both commit together and the answer to the request already shows them. A subscriber that throws rolls the
 * cause back. What leaves the database (gateway calls, webhooks) goes through the outbox instead.
 */
@Injectable()
export class TransactionEvents {
  private readonly subscribers = new Map<string, Map<string, TransactionEventHandler<never>>>();

  constructor(private readonly db: Db) {}

  on<Payload>(topic: string, subscriber: string, handler: TransactionEventHandler<Payload>): void {
    const forTopic = this.subscribers.get(topic) ?? new Map<string, TransactionEventHandler<never>>();
    if (forTopic.has(subscriber)) throw new Error(`${subscriber} subscribed to ${topic} twice`);
    forTopic.set(subscriber, handler as TransactionEventHandler<never>);
    this.subscribers.set(topic, forTopic);
  }

  /** Runs the topic's subscribers one after another in the current transaction (it must be inside one). */
  async emit<Payload>(topic: string, payload: Payload): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`transaction events: ${topic} emitted outside a transaction`);
    for (const handler of this.subscribers.get(topic)?.values() ?? []) {
      await (handler as TransactionEventHandler<Payload>)(payload);
    }
  }
}
