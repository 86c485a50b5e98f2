import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';
import { GateConnection } from '../../../platform/redis/gate-connection';
import type { CallerBudget } from '../../../platform/throttling/caller-budget';
import { claimGateUnavailable } from '../coupons.errors';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import { ClaimGateRebuilder } from './claim-gate-rebuilder';
import { CLAIM } from './claim-scripts';

/** What the gate decided on one claim. */
export type GateDecision =
  { kind: 'accepted'; epoch: number; streamId: string } | { kind: 'sold_out' } | { kind: 'limit_reached' };

type ClaimReply = ['ok', string, string] | ['missing'] | ['sold_out'] | ['limit_reached'];

/**
 * The claim gate: one EVALSHA per claim (claim-scripts.ts CLAIM) on the hot paths' own connection decides and
 * appends the accepted claim to the template's stream. Keys found missing are rebuilt from Postgres before the
 * claim is tried again. Redis unreachable answers 503: the Postgres counters are no fallback while claims it
 * accepted may still be unwritten (two gates that do not see each other would over-issue).
 */
@Injectable()
export class RedisClaimGate {
  private readonly logger = new Logger(RedisClaimGate.name);

  constructor(
    private readonly connection: GateConnection,
    private readonly rebuilder: ClaimGateRebuilder,
  ) {}

  /** `budget`: counted by the first call (CallerBudget), which runs only within it. */
  async decide(
    template: TemplateDefinition,
    shopperId: string,
    couponId: string,
    nowMs: number,
    budget: CallerBudget | null = null,
  ) {
    let reply = await this.run(template, shopperId, couponId, nowMs, budget);
    if (reply[0] === 'missing') {
      if (!(await this.ensure(template))) throw claimGateUnavailable();
      reply = await this.run(template, shopperId, couponId, nowMs);
    }
    switch (reply[0]) {
      case 'ok':
        return { kind: 'accepted', epoch: Number(reply[1]), streamId: reply[2] } satisfies GateDecision;
      case 'sold_out':
        return { kind: 'sold_out' } satisfies GateDecision;
      case 'limit_reached':
        return { kind: 'limit_reached' } satisfies GateDecision;
      case 'missing':
        throw claimGateUnavailable();
    }
  }

  private async ensure(template: TemplateDefinition): Promise<boolean> {
    try {
      return await this.rebuilder.ensure(template);
    } catch (error) {
      this.logger.warn(`coupon template ${template.id}: rebuilding the claim gate failed: ${(error as Error).message}`);
      return false;
    }
  }

  private async run(
    template: TemplateDefinition,
    shopperId: string,
    couponId: string,
    nowMs: number,
    budget: CallerBudget | null = null,
  ) {
    const keys = this.rebuilder.keysOf(template.id);
    const gateKeys = [keys.ready, keys.issued, keys.holders, keys.stream];
    const args = [shopperId, template.totalQuantity, template.perUserLimit, couponId, nowMs];
    try {
      return (await (budget
        ? budget.run(this.connection, CLAIM, gateKeys, args)
        : this.connection.run(CLAIM, gateKeys, args))) as ClaimReply;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(`coupon template ${template.id}: claim gate call failed: ${(error as Error).message}`);
      throw claimGateUnavailable();
    }
  }
}
