import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { ALL_EVENTS, WebhookEventType } from './domain/event-types';

export interface EventBody extends Record<string, unknown> {
  id: string;
  type: string;
  createdAt: string;
  merchantId: string;
  data: Record<string, unknown>;
}

/**
 * SQL that is true when some enabled endpoint of the merchant (`merchant`: the SQL naming its id, a parameter say)
 * subscribes to the type: for a statement that must do something only while nobody listens.
 */
export const listenedSql = (merchant: string, type: WebhookEventType): string =>
  `EXISTS (SELECT 1 FROM webhook_endpoints WHERE merchant_id = ${merchant} AND status = 'enabled'
           AND ('${type}' = ANY(events) OR '${ALL_EVENTS}' = ANY(events)))`;

/** Queries on webhook events; the fan-out to deliveries is part of the event's own insert. */
@Injectable()
export class WebhookEventsRepository {
  constructor(private readonly db: Db) {}

  /** Whether some enabled endpoint of the merchant subscribes to the type (one indexed lookup). */
  async listens(merchantId: string, type: WebhookEventType): Promise<boolean> {
    const [row] = await this.db.query<{ listens: boolean }>(`SELECT ${listenedSql('$1', type)} AS listens`, [
      merchantId,
    ]);
    return row.listens;
  }

  /**
   * The event and its deliveries in one statement, only if some enabled endpoint subscribes; an event id seen
   * before inserts nothing. Returns how many deliveries it created.
   */
  async insertWithDeliveries(event: EventBody, createdAt: Date): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `WITH targets AS (
         SELECT id FROM webhook_endpoints
         WHERE merchant_id = $2 AND status = 'enabled' AND ($3 = ANY(events) OR $6 = ANY(events))),
       event AS (
         INSERT INTO webhook_events (id, merchant_id, type, payload, created_at)
         SELECT $1, $2, $3, $4::jsonb, $5 WHERE EXISTS (SELECT 1 FROM targets)
         ON CONFLICT (id) DO NOTHING RETURNING id),
       deliveries AS (
         INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, type, status, attempts,
                                         next_attempt_at, created_at, updated_at)
         SELECT gen_random_uuid(), targets.id, event.id, $2, $3, 'pending', 0, $5, $5, $5 FROM targets, event
         ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id)
       SELECT count(*)::int AS n FROM deliveries`,
      [event.id, event.merchantId, event.type, JSON.stringify(event), createdAt, ALL_EVENTS],
    );
    return row.n;
  }
}
