import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';

export type CampaignKind = 'coupon-templates' | 'flash-sales' | 'group-buys' | 'lucky-draws' | 'rebate-rules';
type Listener = (campaignId: string) => void;

/** How often each instance looks for changes made by the others: an end is heard everywhere within this. */
const POLL_MS = 250;
/** Changes are kept this long (an instance down longer reloads everything when it starts anyway). */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** An arbitrary constant: the advisory lock that serialises writers of campaign_changes. */
const WRITE_LOCK = 7_310_221;

/**
 * Tells every instance that a campaign was edited or ended, so caches of campaign terms (kept because terms
 * are read on every claim, room and draw) drop it. The change row commits with the edit; this instance hears it
 * at once, the others within POLL_MS by polling one indexed table, with or without Redis.
 */
@Injectable()
export class CampaignChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignChanges.name);
  private readonly listeners = new Map<CampaignKind, Listener[]>();
  private lastSeq: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private prunedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** `listener` hears every change of that kind, made here or on another instance (possibly more than once). */
  on(kind: CampaignKind, listener: Listener): void {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }

  /**
   * Runs `work` (the edit) and records the change in one transaction; this instance's listeners hear it once it
   * has committed. Returns what `work` returns.
   */
  async change<T>(kind: CampaignKind, campaignId: string, work: () => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async () => {
      const result = await work();
      await this.db.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      await this.db.query('INSERT INTO campaign_changes (kind, campaign_id, changed_at) VALUES ($1, $2, $3)', [
        kind,
        campaignId,
        this.clock.now(),
      ]);
      return result;
    });
    this.emit(kind, campaignId);
    return result;
  }

  async onApplicationBootstrap(): Promise<void> {
    const [row] = await this.db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM campaign_changes');
    this.lastSeq = row?.seq ?? '0';
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look for changes committed since the last one seen. */
  async poll(): Promise<void> {
    if (this.polling || this.lastSeq === null) return;
    this.polling = true;
    try {
      const rows = await this.db.query<{ seq: string; kind: CampaignKind; campaign_id: string }>(
        'SELECT seq::text AS seq, kind, campaign_id FROM campaign_changes WHERE seq > $1 ORDER BY seq LIMIT 1000',
        [this.lastSeq],
      );
      for (const row of rows) {
        this.emit(row.kind, row.campaign_id);
        this.lastSeq = row.seq;
      }
      await this.prune();
    } catch (error) {
      this.logger.warn(`reading campaign changes: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private async prune(): Promise<void> {
    const now = this.clock.now().getTime();
    if (Math.abs(now - this.prunedAt) < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.db.query('DELETE FROM campaign_changes WHERE changed_at < $1', [new Date(now - KEEP_MS)]);
  }

  private emit(kind: CampaignKind, campaignId: string): void {
    for (const listener of this.listeners.get(kind) ?? []) listener(campaignId);
  }
}
