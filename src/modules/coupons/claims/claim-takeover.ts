import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import { RedisService } from '../../../platform/redis/redis.service';
import { CouponTemplatesRepository } from '../coupon-templates.repository';
import { AcceptedClaim, parseClaimEntry } from './claim-entry';
import { ClaimGateRebuilder } from './claim-gate-rebuilder';
import { ClaimRecord } from './claim-record';
import { ClaimWriter } from './claim-writer';

export const CLAIM_TAKEOVER_JOB = 'coupons.claim-takeover';

/**
 * The `coupons.claim-takeover` job (with REDIS_URL): claims accepted by an instance that died before writing them
 * (killed between its gate call and its commit) are written by another, so the gate's counts and the record meet
 * again. Writing is idempotent: what the other instance committed is skipped, a claim of a lost generation is
 * dropped; then the entries are deleted.
 */
@Injectable()
export class ClaimTakeover implements OnModuleInit {
  private readonly logger = new Logger(ClaimTakeover.name);

  constructor(
    private readonly redis: RedisService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
    private readonly record: ClaimRecord,
    private readonly templates: CouponTemplatesRepository,
    private readonly streams: EntryStreams,
    private readonly rebuilder: ClaimGateRebuilder,
    private readonly writer: ClaimWriter,
  ) {}

  onModuleInit(): void {
    if (this.redis.enabled) this.jobs.register(CLAIM_TAKEOVER_JOB, () => this.takeOverAll());
  }

  /** Claims written (or found written); a template that fails is logged and left for the next run. */
  async takeOverAll(): Promise<number> {
    let taken = 0;
    for (const id of await this.record.streamedTemplateIds(this.clock.now())) {
      try {
        taken += await this.takeOver(id);
      } catch (error) {
        this.logger.warn(`coupon template ${id}: taking over claims failed: ${(error as Error).message}`);
      }
    }
    return taken;
  }

  private takeOver(templateId: string): Promise<number> {
    return this.streams.takeOver(
      this.rebuilder.keysOf(templateId).stream,
      parseClaimEntry,
      (claims) => this.write(templateId, claims),
      (count) => this.logger.error(`coupon template ${templateId}: ${count} unreadable claims dropped`),
    );
  }

  /** Claims written now (those another instance committed are skipped); none when the template is gone. */
  private async write(templateId: string, claims: AcceptedClaim[]): Promise<number> {
    const template = await this.templates.definition(templateId);
    if (!template) return 0;
    const outcomes = await this.writer.write(template, claims);
    return outcomes.filter((outcome) => outcome.kind === 'written').length;
  }
}
