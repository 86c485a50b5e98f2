import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { DELIVERY_LIFECYCLE } from './domain/delivery-lifecycle';
import { DeliveryStatus, WebhookDelivery } from './entities/webhook-delivery.entity';

/** A delivery claimed for sending, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  endpointId: string;
  /** Attempts so far, this one included. */
  attempts: number;
  url: string;
  payload: Record<string, unknown>;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface ClaimLimits {
  now: Date;
  leaseUntil: Date;
  /** Most rows to claim in all. */
  limit: number;
  /** Most rows per endpoint, less what this instance already has in flight for it (`busy`). */
  perEndpoint: number;
  busy: ReadonlyMap<string, number>;
}

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  at: Date;
}

/** Queries on deliveries; the only code that names their table besides the fan-out. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims due deliveries (SKIP LOCKED: instances never claim the same row), at most `perEndpoint` per endpoint
   * counting those in flight here, and leases them: the due time moves to `leaseUntil` and the attempt is counted
   * before any request is made, so a crash mid-send brings the row back after the lease. The due rows are read off
   * their partial index alone (a join there let the planner sort every due row on fresh statistics); a disabled
   * endpoint's rows are parked out of it (`park`).
   */
  claim(limits: ClaimLimits): Promise<ClaimedDelivery[]> {
    const full = [...limits.busy].filter(([, n]) => n >= limits.perEndpoint).map(([id]) => id);
    return this.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND NOT (d.endpoint_id = ANY($3::uuid[]))
         ORDER BY d.next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED),
       busy AS (SELECT * FROM unnest($5::uuid[], $6::int[]) AS b(endpoint_id, n)),
       picked AS (
         SELECT ranked.id FROM (
           SELECT id, endpoint_id, row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS rank
           FROM due) ranked
         LEFT JOIN busy USING (endpoint_id)
         WHERE ranked.rank <= $7 - coalesce(busy.n, 0))
       UPDATE webhook_deliveries d
       SET next_attempt_at = $2, attempts = d.attempts + 1, updated_at = $1
       FROM picked, webhook_endpoints e, webhook_events ev
       WHERE d.id = picked.id AND e.id = d.endpoint_id AND e.status = 'enabled' AND ev.id = d.event_id
       RETURNING d.id, d.event_id AS "eventId", d.endpoint_id AS "endpointId", d.attempts, e.url, ev.payload,
                 e.secret_sealed AS "secretSealed", e.previous_secret_sealed AS "previousSecretSealed",
                 e.previous_secret_expires_at AS "previousSecretExpiresAt"`,
      [
        limits.now,
        limits.leaseUntil,
        full,
        limits.limit,
        [...limits.busy.keys()],
        [...limits.busy.values()],
        limits.perEndpoint,
      ],
    );
  }

  async succeeded(id: string, result: AttemptResult): Promise<void> {
    await DELIVERY_LIFECYCLE.move(this.db, {
      to: 'succeeded',
      from: ['pending'],
      where: { id },
      set: {
        last_status_code: result.statusCode,
        last_error: null,
        last_attempt_at: result.at,
        succeeded_at: result.at,
        updated_at: result.at,
      },
    });
  }

  /** A failed attempt: tried again at `nextAttemptAt`, or `failed` when there is none. */
  async attemptFailed(id: string, result: AttemptResult, nextAttemptAt: Date | null): Promise<void> {
    await DELIVERY_LIFECYCLE.move(this.db, {
      to: nextAttemptAt ? 'pending' : 'failed',
      from: ['pending'],
      where: { id },
      set: {
        last_status_code: result.statusCode,
        last_error: result.error?.slice(0, 1000) ?? null,
        last_attempt_at: result.at,
        updated_at: result.at,
        ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt } : {}),
      },
    });
  }

  /** Due now again if it is pending or failed (a manual retry); false when nothing moved. */
  async retryNow(merchantId: string, id: string, now: Date): Promise<boolean> {
    const moved = await DELIVERY_LIFECYCLE.move(this.db, {
      to: 'pending',
      from: ['pending', 'failed'],
      where: { id, merchant_id: merchantId },
      set: { next_attempt_at: now, updated_at: now },
    });
    return moved.length > 0;
  }

  findForMerchant(merchantId: string, id: string): Promise<WebhookDelivery | null> {
    return this.db.repo(WebhookDelivery).findOneBy({ id, merchantId });
  }

  /** An endpoint's deliveries, newest first, by keyset over (created_at, id); limit+1 rows for `toPage`. */
  listForEndpoint(
    endpointId: string,
    status: DeliveryStatus | undefined,
    after: Cursor | null,
    limit: number,
  ): Promise<WebhookDelivery[]> {
    const builder = this.db
      .repo(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId', { endpointId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(limit);
    if (status) builder.andWhere('d.status = :status', { status });
    if (after) builder.andWhere('(d.created_at, d.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /** A disabled endpoint's pending deliveries wait, out of the dispatcher's way, until it is enabled again. */
  async park(endpointId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = 'infinity', updated_at = $2
       WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpointId, now],
    );
  }

  /** An endpoint enabled again: what waited for it is due at once. */
  async unpark(endpointId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = $2, updated_at = $2
       WHERE endpoint_id = $1 AND status = 'pending' AND next_attempt_at = 'infinity'`,
      [endpointId, now],
    );
  }

  async deleteForEndpoint(endpointId: string): Promise<void> {
    await this.db.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId]);
  }
}
