import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { Clock } from '../clock/clock';
import { rateLimited } from '../errors/domain-error';
import { RUNTIME, Runtime } from '../runtime/runtime';

const WINDOW_MS = 60_000;
/** Addresses remembered as blocked; past this, the expired ones are forgotten, then the oldest. */
const MAX_BLOCKED = 10_000;

/**
 * Failed authentications per client address, across every route: past RATE_LIMIT_PER_MINUTE in a minute, the
 * address's failures answer 429, and until its window ends this instance does not compare the address's credentials
 * with the admin token at all, so a guess past the limit cannot succeed (shopper tokens and merchant keys, which
 * cannot be guessed, still work from it). Counted in the rate limiter's storage (Redis when configured, so the
 * instances count together); the block is kept in process, so a verified caller costs no extra round trip, and
 * each instance starts refusing after its first failure past the shared count (N instances: at most N more guesses).
 */
@Injectable()
export class FailedAuthentications {
  private readonly limit: number;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly clock: Clock,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.limit = runtime.config.rateLimitPerMinute;
  }

  isBlocked(address: string): boolean {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return false;
    if (this.clock.now().getTime() < until) return true;
    this.blockedUntil.delete(address);
    return false;
  }

  /** Counts one failure from the address; past the limit, throws 429 RATE_LIMITED. */
  async record(address: string): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `address:${address}`,
      WINDOW_MS,
      this.limit,
      WINDOW_MS,
      'failed-authentications',
    );
    if (!isBlocked) return;
    const seconds = Math.max(1, timeToBlockExpire);
    this.block(address, this.clock.now().getTime() + seconds * 1000);
    throw rateLimited(seconds, 'Too many failed authentications from this address');
  }

  private block(address: string, until: number): void {
    if (this.blockedUntil.size >= MAX_BLOCKED) this.forgetExpired();
    this.blockedUntil.delete(address);
    this.blockedUntil.set(address, until);
  }

  private forgetExpired(): void {
    const now = this.clock.now().getTime();
    for (const [address, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(address);
    for (const address of this.blockedUntil.keys()) {
      if (this.blockedUntil.size < MAX_BLOCKED) return;
      this.blockedUntil.delete(address);
    }
  }
}
