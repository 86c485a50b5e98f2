import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { nextAttemptAfter } from '../domain/retry-schedule';
import { signatureHeader } from '../domain/signature';
import { ClaimedDelivery, WebhookDeliveriesRepository } from '../webhook-deliveries.repository';
import { WebhookSecretSeal } from '../webhook-secret-seal';
import { DispatchSignal } from './dispatch-signal';
import { SendOutcome, WebhookSender } from './webhook-sender';

/**
 * Requests this instance keeps in flight at once, in all and per endpoint: it takes 64 endpoints hanging at once to
 * fill an instance, and then only until their 10 s timeouts.
 */
export const MAX_IN_FLIGHT = 256;
export const MAX_IN_FLIGHT_PER_ENDPOINT = 4;
/** Claims per dispatch run at most: each one tops up the free slots. */
const CLAIM_ROUNDS = 4;
/** Time to record a result after the timeout, before a claimed row whose sender died comes back to any instance. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Delivers webhook rows: each run (the `webhooks.dispatch` job, or a wake-up when an event commits here) claims
 * due rows into this instance's free slots and starts their requests without waiting for them, so a receiver that
 * hangs holds only its own endpoint's few slots. Claim and result are each their own short statement; no request
 * runs inside a transaction. Every attempt is counted when claimed (at-least-once: a crash after the send and
 * before the result sends it again after the lease; receivers dedupe by webhook-id), and its result is recorded
 * under that count, so a result outliving its lease never overwrites a newer claim.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly leaseMs: number;
  private readonly inFlight = new Map<string, number>();
  private readonly sending = new Set<Promise<void>>();
  private total = 0;
  private claiming: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly clock: Clock,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly sender: WebhookSender,
    private readonly seal: WebhookSecretSeal,
    private readonly jobs: JobRunner,
    private readonly signal: DispatchSignal,
  ) {
    this.leaseMs = 2 * runtime.config.webhookTimeoutMs + LEASE_MARGIN_MS;
  }

  onModuleInit(): void {
    this.jobs.register('webhooks.dispatch', () => this.dispatch());
    this.signal.listen(() => void this.dispatch().catch((error: Error) => this.logger.warn(error.message)));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** Claims what is due into the free slots and starts sending it; answers how many it started. */
  dispatch(): Promise<number> {
    if (this.claiming) {
      // A run is claiming now: one more run after it picks up what committed meanwhile.
      this.again = true;
      return this.claiming;
    }
    this.claiming = this.claimRounds().finally(() => {
      this.claiming = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.dispatch().catch((error: Error) => this.logger.warn(error.message));
      }
    });
    return this.claiming;
  }

  /** Resolves once no request of this instance is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.sending.size > 0 || this.claiming) {
      await Promise.all([...this.sending, this.claiming]);
    }
  }

  private async claimRounds(): Promise<number> {
    let started = 0;
    for (let round = 0; round < CLAIM_ROUNDS && !this.stopped; round++) {
      const free = MAX_IN_FLIGHT - this.total;
      if (free <= 0) break;
      const now = this.clock.now();
      const claimed = await this.deliveries.claim({
        now,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
        limit: free,
        perEndpoint: MAX_IN_FLIGHT_PER_ENDPOINT,
        busy: this.inFlight,
      });
      for (const delivery of claimed) this.start(delivery);
      started += claimed.length;
      if (claimed.length === 0) break;
    }
    return started;
  }

  private start(delivery: ClaimedDelivery): void {
    this.total++;
    this.inFlight.set(delivery.endpointId, (this.inFlight.get(delivery.endpointId) ?? 0) + 1);
    const sending = this.deliver(delivery)
      .catch((error: Error) => this.logger.warn(`webhook delivery ${delivery.id}: ${error.message}`))
      .finally(() => {
        this.total--;
        const left = (this.inFlight.get(delivery.endpointId) ?? 1) - 1;
        if (left > 0) this.inFlight.set(delivery.endpointId, left);
        else this.inFlight.delete(delivery.endpointId);
        this.sending.delete(sending);
        // A slot came free: what waits for it need not wait for the next tick (wake-ups during a claim coalesce).
        if (!this.stopped) this.signal.wake();
      });
    this.sending.add(sending);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const secrets = this.secrets(delivery);
    const outcome: SendOutcome =
      secrets === null
        ? { error: 'cannot sign: the secret was sealed under another JWT_SECRET; rotate it' }
        : await this.sender.send({
            url: delivery.url,
            body,
            headers: {
              'webhook-id': delivery.eventId,
              'webhook-timestamp': String(timestamp),
              'webhook-signature': signatureHeader(secrets, delivery.eventId, timestamp, body),
            },
          });
    const at = this.clock.now();
    if ('statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300) {
      await this.deliveries.succeeded(delivery.id, delivery.attempts, {
        statusCode: outcome.statusCode,
        error: null,
        at,
      });
      return;
    }
    const result =
      'statusCode' in outcome
        ? { statusCode: outcome.statusCode, error: `HTTP ${outcome.statusCode}`, at }
        : { statusCode: null, error: outcome.error, at };
    await this.deliveries.attemptFailed(
      delivery.id,
      delivery.attempts,
      result,
      nextAttemptAfter(delivery.attempts, at),
    );
  }

  /** The current secret, and the previous one while its rotation grace lasts; null when they cannot be opened. */
  private secrets(delivery: ClaimedDelivery): string[] | null {
    const previousValid =
      delivery.previousSecretSealed !== null &&
      delivery.previousSecretExpiresAt !== null &&
      delivery.previousSecretExpiresAt > this.clock.now();
    try {
      const secrets = [this.seal.open(delivery.secretSealed)];
      if (previousValid) secrets.push(this.seal.open(delivery.previousSecretSealed!));
      return secrets;
    } catch {
      return null; // a failed attempt like any other, with its reason in the log the merchant reads
    }
  }
}
