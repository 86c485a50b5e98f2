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
   * before any request is made, so a crash mid-send brings the row back after the lease. Candidates are picked per
   * enabled endpoint, oldest due first, each up to its free slots, so one endpoint's backlog cannot fill the round:
   * the endpoints with pending rows are found by a skip scan of the (endpoint, due time) index, one index probe
   * each, and each one's due rows read off the same index. A disabled endpoint's rows are never candidates.
   */
  claim(limits: ClaimLimits): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery>(
      `WITH RECURSIVE endpoints_pending AS (
         (SELECT d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
          WHERE d.status = 'pending' ORDER BY d.endpoint_id, d.next_attempt_at LIMIT 1)
         UNION ALL
         SELECT following.endpoint_id, following.next_attempt_at FROM endpoints_pending p
         CROSS JOIN LATERAL (
           SELECT d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
           WHERE d.status = 'pending' AND d.endpoint_id > p.endpoint_id
           ORDER BY d.endpoint_id, d.next_attempt_at LIMIT 1) following),
       busy AS (SELECT * FROM unnest($4::uuid[], $5::int[]) AS b(endpoint_id, n)),
       candidates AS (
         SELECT p.endpoint_id, p.next_attempt_at AS oldest, $6 - coalesce(busy.n, 0) AS free
         FROM endpoints_pending p
         JOIN webhook_endpoints e ON e.id = p.endpoint_id AND e.status = 'enabled'
         LEFT JOIN busy USING (endpoint_id)
         WHERE p.next_attempt_at <= $1 AND $6 - coalesce(busy.n, 0) > 0
         ORDER BY p.next_attempt_at),
       picked AS (
         SELECT due.id FROM candidates c
         CROSS JOIN LATERAL (
           SELECT d.id FROM webhook_deliveries d
           WHERE d.endpoint_id = c.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= $1
             AND (d.leased_until IS NULL OR d.leased_until <= $1)
           ORDER BY d.next_attempt_at LIMIT c.free FOR UPDATE OF d SKIP LOCKED) due
         LIMIT $3)
       UPDATE webhook_deliveries d
       SET next_attempt_at = $2, leased_until = $2, attempts = d.attempts + 1, updated_at = $1
       FROM picked, webhook_endpoints e, webhook_events ev
       WHERE d.id = picked.id AND e.id = d.endpoint_id AND e.status = 'enabled' AND ev.id = d.event_id
       RETURNING d.id, d.event_id AS "eventId", d.endpoint_id AS "endpointId", d.attempts, e.url, ev.payload,
                 e.secret_sealed AS "secretSealed", e.previous_secret_sealed AS "previousSecretSealed",
                 e.previous_secret_expires_at AS "previousSecretExpiresAt"`,
      [
        limits.now,
        limits.leaseUntil,
        limits.limit,
        [...limits.busy.keys()],
        [...limits.busy.values()],
        limits.perEndpoint,
      ],
    );
  }

  /**
   * The result of attempt `attempt`: recorded only while that attempt is still the row's last claim (a result that
   * comes after the lease ran out and another instance claimed the row again is dropped; the newer attempt decides).
   */
  async succeeded(id: string, attempt: number, result: AttemptResult): Promise<void> {
    await DELIVERY_LIFECYCLE.move(this.db, {
      to: 'succeeded',
      from: ['pending'],
      where: { id, attempts: attempt },
      set: {
        leased_until: null,
        last_status_code: result.statusCode,
        last_error: null,
        last_attempt_at: result.at,
        succeeded_at: result.at,
        updated_at: result.at,
      },
    });
  }

  /**
   * A failed attempt (recorded under the same claim check as `succeeded`): tried again at `nextAttemptAt`, or
   * `failed` when there is none; parked instead when its endpoint was disabled while it was being sent.
   */
  async attemptFailed(id: string, attempt: number, result: AttemptResult, nextAttemptAt: Date | null): Promise<void> {
    // One transaction: no reader sees it rescheduled before it is parked.
    await this.db.transaction(async () => {
      const moved = await DELIVERY_LIFECYCLE.move(this.db, {
        to: nextAttemptAt ? 'pending' : 'failed',
        from: ['pending'],
        where: { id, attempts: attempt },
        set: {
          leased_until: null,
          last_status_code: result.statusCode,
          last_error: result.error?.slice(0, 1000) ?? null,
          last_attempt_at: result.at,
          updated_at: result.at,
          ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt } : {}),
        },
      });
      if (moved.length > 0 && nextAttemptAt) await this.parkIfDisabled(id);
    });
  }

  /**
   * Due now again if it failed, or is pending and not being sent (a manual retry); false when nothing moved. A
   * delivery being sent is left alone: its attempt is under way. One whose endpoint is disabled stays parked.
   */
  async retryNow(merchantId: string, id: string, now: Date): Promise<boolean> {
    return this.db.transaction(async () => {
      const moved = await DELIVERY_LIFECYCLE.move(this.db, {
        to: 'pending',
        from: ['pending', 'failed'],
        where: { id, merchant_id: merchantId },
        also: { sql: `status = 'failed' OR leased_until IS NULL OR leased_until <= ?`, params: [now] },
        set: { next_attempt_at: now, updated_at: now },
      });
      if (moved.length === 0) return false;
      return !(await this.parkIfDisabled(id));
    });
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

  /**
   * Parks a pending, not leased delivery whose endpoint is disabled; true when it did. A disable that commits after
   * this reads the endpoint parks the row itself (`park`), and the claim skips disabled endpoints either way.
   */
  private async parkIfDisabled(id: string): Promise<boolean> {
    const parked = await this.db.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = 'infinity'
       FROM webhook_endpoints e
       WHERE d.id = $1 AND d.status = 'pending' AND d.leased_until IS NULL
         AND e.id = d.endpoint_id AND e.status = 'disabled'
       RETURNING d.id`,
      [id],
    );
    return parked.length > 0;
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
