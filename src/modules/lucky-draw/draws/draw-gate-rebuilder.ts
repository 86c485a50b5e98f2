import { keyedMulti, RedisClient } from '../../../platform/redis/redis-client';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { RebuildOnce } from '../../../platform/redis/rebuild-once';
import { RedisService } from '../../../platform/redis/redis.service';
import type { LuckyDraw } from '../entities/lucky-draw.entity';
import { DrawKeys, drawKeys, drawKeysExpireAt } from './draw-keys';
import { DrawRecord } from './draw-record';

/** How long one instance may take to rebuild a campaign's keys before another may try. */
const LOCK_MS = 15_000;
/** How long a draw waits for another instance's rebuild before answering 503. */
const WAIT_MS = 5_000;

/**
 * Loads a campaign's draw gate from Postgres, the record, whenever a draw finds it missing (Redis restarted empty,
 * flushed, failed over to a replica that never saw it), as the flash sale's gate is rebuilt: one instance at a time
 * (RebuildOnce) bumps the campaign's generation (`redis_epoch`) under its row lock, which every batch of draws takes
 * too, and reads each limited prize's awarded units; after the commit it writes them under the new generation's
 * names, `ready` last. Draws the lost keys accepted are of an older generation and never written (their callers try
 * again); shoppers' days are loaded from the record on their next draw (RedisDrawGate).
 */
@Injectable()
export class DrawGateRebuilder {
  private readonly logger = new Logger(DrawGateRebuilder.name);
  private readonly once = new RebuildOnce(() => this.client(), LOCK_MS, WAIT_MS);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly record: DrawRecord,
  ) {}

  keysOf(campaignId: string): DrawKeys {
    return drawKeys(this.redis.key(), campaignId);
  }

  /** The generation the campaign's keys are loaded under; null when they are not. */
  async readyEpoch(campaignId: string): Promise<number | null> {
    const ready = await this.client().get(this.keysOf(campaignId).ready);
    return ready === null ? null : Number(ready);
  }

  /** True once the campaign's keys are loaded (by this instance or another); false when that took too long. */
  ensure(campaign: LuckyDraw): Promise<boolean> {
    const keys = this.keysOf(campaign.id);
    return this.once.ensure(campaign.id, {
      lock: keys.rebuild,
      loaded: async () => (await this.client().exists(keys.ready)) === 1,
      rebuild: () => this.rebuild(campaign, keys),
    });
  }

  private async rebuild(campaign: LuckyDraw, keys: DrawKeys): Promise<void> {
    const expireAt = String(drawKeysExpireAt(campaign.endsAt.getTime(), Date.now()));
    const bumped = await this.db.transaction(() => this.record.bumpEpoch(campaign.id));
    if (!bumped) throw new Error(`lucky draw ${campaign.id} vanished`);
    const epoch = bumped.redisEpoch;
    const multi = keyedMulti(this.client(), keys.ready);
    for (const [prizeId, awarded] of bumped.awarded) {
      multi.add(['SET', keys.awarded(epoch, prizeId), String(awarded), 'PXAT', expireAt]);
    }
    multi.add(['SET', keys.ready, String(epoch), 'PXAT', expireAt]);
    await multi.exec();
    this.logger.log(`lucky draw ${campaign.id}: draw gate loaded (generation ${epoch})`);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the draw gate needs REDIS_URL');
    return this.redis.client;
  }
}
