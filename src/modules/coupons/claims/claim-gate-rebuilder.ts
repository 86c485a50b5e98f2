import { keyedMulti, RedisClient } from '../../../platform/redis/redis-client';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { RebuildOnce } from '../../../platform/redis/rebuild-once';
import { RedisService } from '../../../platform/redis/redis.service';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import { PostgresQuotaStore } from '../quota/postgres-quota-store';
import { ClaimKeys, claimKeys, claimKeysExpireAt, rebuiltClaimKeys } from './claim-keys';
import { ClaimRecord } from './claim-record';

/** How long one instance may take to rebuild a template's keys before another may try. */
const LOCK_MS = 15_000;
/** How long a claim waits for another instance's rebuild before answering 503. */
const WAIT_MS = 5_000;
const HSET_CHUNK = 1000;

/**
 * Loads a public template's claim gate from Postgres, the record, whenever a claim finds the keys missing (Redis
 * restarted empty, flushed, failed over to a replica that never saw them), as the flash sale's gate is rebuilt.
 *
 * One instance rebuilds (RebuildOnce). The rebuild reads in one transaction that first bumps the template's
 * generation (`redis_epoch`) under its row lock: writing a batch of claims takes that lock too, so none is written
 * while the holders are counted, and every claim the lost keys accepted (an older generation) is never written
 * afterwards (its caller tries again through the new keys). The keys are written after the commit, the `ready`
 * marker last, so no claim is accepted under a generation Postgres does not know.
 */
@Injectable()
export class ClaimGateRebuilder {
  private readonly logger = new Logger(ClaimGateRebuilder.name);
  private readonly once = new RebuildOnce(() => this.client(), LOCK_MS, WAIT_MS);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly record: ClaimRecord,
    private readonly quota: PostgresQuotaStore,
  ) {}

  keysOf(templateId: string): ClaimKeys {
    return claimKeys(this.redis.key(), templateId);
  }

  /** True once the template's keys are loaded (by this instance or another); false when that took too long. */
  ensure(template: TemplateDefinition): Promise<boolean> {
    const keys = this.keysOf(template.id);
    return this.once.ensure(template.id, {
      lock: keys.rebuild,
      loaded: async () => (await this.client().exists([keys.ready, keys.issued])) === 2,
      rebuild: () => this.rebuild(template, keys),
    });
  }

  private async rebuild(template: TemplateDefinition, keys: ClaimKeys): Promise<void> {
    const expireAt = String(claimKeysExpireAt(template.claimEndsAt.getTime(), Date.now()));
    const { epoch, issued, holders } = await this.db.transaction(async () => {
      const bumped = await this.record.bumpEpoch(template.id);
      if (!bumped) throw new Error(`coupon template ${template.id} vanished`);
      const holders: string[] = [];
      for await (const page of this.quota.holders(template.id)) {
        for (const holder of page) holders.push(holder.shopperId, String(holder.issued));
      }
      return { epoch: bumped.redisEpoch, issued: bumped.issued, holders };
    });
    // After the commit (no Redis call holds the row): nothing is accepted before `ready`, written last, and what the
    // old keys accepted is of an older generation, never written.
    const multi = keyedMulti(this.client(), keys.ready);
    multi.add(['DEL', ...rebuiltClaimKeys(keys)]);
    multi.add(['SET', keys.issued, String(issued), 'PXAT', expireAt]);
    for (let i = 0; i < holders.length; i += HSET_CHUNK * 2) {
      multi.add(['HSET', keys.holders, ...holders.slice(i, i + HSET_CHUNK * 2)]);
    }
    if (holders.length > 0) multi.add(['PEXPIREAT', keys.holders, expireAt]);
    multi.add(['SET', keys.ready, String(epoch), 'PXAT', expireAt]);
    await multi.exec();
    this.logger.log(`coupon template ${template.id}: claim gate loaded (generation ${epoch}, ${issued} issued)`);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the claim gate needs REDIS_URL');
    return this.redis.client;
  }
}
