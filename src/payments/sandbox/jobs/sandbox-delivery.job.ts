import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { ServiceUrl } from '../../../platform/http/service-url';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { paymentNotifyUrl } from '../../notify/notify-url';
import { BuiltNotification, buildNotification } from '../../wechatpay/notification';
import { NotificationPoster, NOTIFY_TIMEOUT_MS, PostOutcome } from '../delivery/notification-poster';
import { afterFailedAttempt } from '../domain/redelivery-schedule';
import { knownEvent } from '../domain/sandbox-events';
import { DELIVERY_LIFECYCLE } from '../domain/delivery-lifecycle';
import type { DeliveryStatus } from '../entities/sandbox-delivery.entity';
import type { SandboxKeys } from '../entities/sandbox-keys.entity';
import { SandboxKeyStore } from '../sandbox-key-store';
import { SandboxSettings, SandboxSettingsValues } from '../sandbox-settings';

export const SANDBOX_DELIVER_JOB = 'sandbox.deliver';

/** A run stops after this many attempts, so one run of the job stays short; the next run picks up the rest. */
const MAX_PER_RUN = 100;
/** A claimed delivery is left to its instance this long (well past the 5 s answer timeout) before another may retry it. */
const LEASE_MS = 6 * NOTIFY_TIMEOUT_MS;

interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  originalType: string;
  summary: string;
  resource: Record<string, unknown>;
  /** This attempt's number, counted at claim time. */
  attempts: number;
}

export interface DeliveryRunSummary {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

type AttemptResult = 'delivered' | 'retrying' | 'failed';

/**
 * Sends due notifications to the notify URL. A claim is one autocommit UPDATE … SKIP LOCKED that also pushes
 * next_attempt_at out by a lease, so instances never send one attempt twice; the HTTP call then runs with no
 * transaction open (the receiving webhook needs the database, and embedded PGlite runs one transaction at a
 * time). Each attempt is built afresh: new timestamp, nonce and signature, the same event id.
 */
@Injectable()
export class SandboxDeliveryJob implements OnModuleInit {
  private readonly logger = new Logger('SandboxDelivery');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly serviceUrl: ServiceUrl,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly keyStore: SandboxKeyStore,
    private readonly settings: SandboxSettings,
    private readonly poster: NotificationPoster,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SANDBOX_DELIVER_JOB, () => this.run());
  }

  /** The configured notify URL, else this service's own webhook once it listens; null until one is known. */
  notifyUrl(): string | null {
    return paymentNotifyUrl(this.runtime.config, this.serviceUrl);
  }

  async run(): Promise<DeliveryRunSummary> {
    if (this.db.inTransaction) throw new Error('sandbox.deliver must not run inside a transaction: it waits on HTTP');
    const summary: DeliveryRunSummary = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
    const url = this.notifyUrl();
    if (url === null) return summary;
    const settings = this.settings.current();
    let account: SandboxKeys | null = null;
    // One delivery at a time: embedded PGlite mixes up concurrent statements from several connections
    // (pglite#1046), and one-row claims let several instances share the queue evenly.
    while (summary.attempted < MAX_PER_RUN) {
      const delivery = await this.claimOne();
      if (!delivery) break;
      account ??= await this.keyStore.keys();
      summary[await this.attempt(delivery, url, account, settings)] += 1;
      summary.attempted += 1;
    }
    return summary;
  }

  private async claimOne(): Promise<ClaimedDelivery | null> {
    const now = this.clock.now();
    const [claimed] = await this.db.query<ClaimedDelivery>(
      `UPDATE sandbox_deliveries SET attempts = attempts + 1, next_attempt_at = $2
       WHERE id = (SELECT id FROM sandbox_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                   ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, event_id AS "eventId", event_type AS "eventType", original_type AS "originalType",
                 summary, resource, attempts`,
      [now, new Date(now.getTime() + LEASE_MS)],
    );
    return claimed ?? null;
  }

  private async attempt(
    delivery: ClaimedDelivery,
    url: string,
    account: SandboxKeys,
    settings: SandboxSettingsValues,
  ): Promise<AttemptResult> {
    const { outcome, sent } = await this.send(delivery, url, account, settings);
    const now = this.clock.now();
    if (outcome.acknowledged) {
      await this.record(delivery, 'delivered', now, outcome.status, null, now);
      // WeChat Pay re-sends acknowledged notifications now and then; the merchant must shrug them off.
      for (let copy = 0; sent && copy < settings.duplicates; copy += 1) await this.poster.post(url, sent);
      return 'delivered';
    }
    const next = afterFailedAttempt(delivery.attempts, now);
    if (next.status === 'failed') {
      this.logger.warn(
        `${delivery.eventType} ${delivery.eventId} gave up after ${delivery.attempts} attempts: ${outcome.error}`,
      );
      await this.record(delivery, 'failed', now, outcome.status, outcome.error, null);
      return 'failed';
    }
    await this.record(delivery, 'pending', next.nextAttemptAt, outcome.status, outcome.error, null);
    return 'retrying';
  }

  /** Builds this attempt's notification (fresh timestamp, nonce, signature; same event id) and POSTs it, unless dropped. */
  private async send(
    delivery: ClaimedDelivery,
    url: string,
    account: SandboxKeys,
    settings: SandboxSettingsValues,
  ): Promise<{ outcome: PostOutcome; sent: BuiltNotification | null }> {
    let notification: BuiltNotification;
    try {
      notification = buildNotification({
        ...knownEvent(delivery.eventType, delivery.originalType),
        summary: delivery.summary,
        resource: delivery.resource,
        apiV3Key: account.apiV3Key,
        platformPrivateKeyPem: account.platformPrivateKeyPem,
        platformSerial: account.platformSerial,
        now: this.clock.now(),
        id: delivery.eventId,
      });
    } catch (error) {
      // A row we cannot turn into a notification fails its attempts like an unreachable URL, and ends `failed`.
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: { acknowledged: false, status: null, error: message }, sent: null };
    }
    if (delivery.attempts <= settings.dropFirst) {
      return {
        outcome: { acknowledged: false, status: null, error: 'lost on the way (sandbox dropFirst)' },
        sent: null,
      };
    }
    return { outcome: await this.poster.post(url, notification), sent: notification };
  }

  /** Only the holder of this attempt may write its result (the row still pending, with this attempt's number). */
  private async record(
    delivery: ClaimedDelivery,
    status: DeliveryStatus,
    nextAttemptAt: Date,
    httpStatus: number | null,
    error: string | null,
    deliveredAt: Date | null,
  ): Promise<void> {
    await DELIVERY_LIFECYCLE.move(this.db, {
      to: status,
      where: { id: delivery.id, attempts: delivery.attempts },
      set: {
        next_attempt_at: nextAttemptAt,
        last_http_status: httpStatus,
        last_error: error?.slice(0, 2000) ?? null,
        delivered_at: deliveredAt,
      },
    });
  }
}
