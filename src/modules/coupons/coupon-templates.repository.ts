import { Injectable } from '@nestjs/common';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { CouponTemplate, TemplateDefinition } from './entities/coupon-template.entity';

const CACHED_DEFINITIONS = 5000;

/**
 * Queries on coupon templates. Definitions are cached until CampaignChanges reports an edit or an end (on any
 * instance); counters are always read fresh.
 */
@Injectable()
export class CouponTemplatesRepository {
  private readonly cache = new Map<string, TemplateDefinition>();
  /** Moves on every change heard: a definition read before a change is not cached after it. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    changes: CampaignChanges,
  ) {
    changes.on('coupon-templates', (id) => {
      this.generation++;
      this.cache.delete(id);
    });
  }

  /** The merchant's templates, newest first, with their counters (stats need no further query). */
  listForMerchant(merchantId: string, query: CampaignListQuery, now: Date): Promise<CouponTemplate[]> {
    const columns = { alias: 't', name: 'name', startsAt: 'claim_starts_at', endsAt: 'claim_ends_at' };
    return campaignListQuery(
      this.db.repo(CouponTemplate).createQueryBuilder('t'),
      merchantId,
      query,
      columns,
      now,
    ).getMany();
  }

  /** The row, locked for the rest of the transaction (an edit against concurrent claims and edits). */
  lockForMerchant(id: string, merchantId: string): Promise<CouponTemplate | null> {
    return this.db
      .repo(CouponTemplate)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id AND t.merchant_id = :merchantId', { id, merchantId })
      .getOne();
  }

  async update(id: string, changes: Partial<CouponTemplate>): Promise<void> {
    await this.db.repo(CouponTemplate).update({ id }, changes);
  }

  /** Sets the end once: a second end leaves the first one's time. */
  async end(id: string, merchantId: string, now: Date): Promise<boolean> {
    const ended = await this.db.query(
      'UPDATE coupon_templates SET ended_at = $3 WHERE id = $1 AND merchant_id = $2 AND ended_at IS NULL RETURNING id',
      [id, merchantId, now],
    );
    return ended.length > 0;
  }

  async insert(template: CouponTemplate): Promise<void> {
    await this.db.repo(CouponTemplate).insert(template);
  }

  /** With its counters, as they are now. */
  findForMerchant(id: string, merchantId: string): Promise<CouponTemplate | null> {
    return this.db.repo(CouponTemplate).findOneBy({ id, merchantId });
  }

  async definition(id: string): Promise<TemplateDefinition | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const template = await this.db.repo(CouponTemplate).findOneBy({ id });
    if (!template) return null;
    const definition: TemplateDefinition & Partial<Pick<CouponTemplate, 'issued' | 'used'>> = template;
    delete definition.issued;
    delete definition.used;
    if (generation !== this.generation) return definition;
    if (this.cache.size >= CACHED_DEFINITIONS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, definition);
    return definition;
  }

  async definitions(ids: string[]): Promise<Map<string, TemplateDefinition>> {
    const found = new Map<string, TemplateDefinition>();
    for (const id of new Set(ids)) {
      const definition = await this.definition(id);
      if (definition) found.set(id, definition);
    }
    return found;
  }

  /** Public templates open for claims now and not sold out, newest first. */
  listClaimable(
    now: Date,
    merchantId: string | undefined,
    after: Cursor | null,
    limit: number,
  ): Promise<CouponTemplate[]> {
    const builder = this.db
      .repo(CouponTemplate)
      .createQueryBuilder('t')
      .where(`t.distribution = 'public'`)
      .andWhere('t.claim_starts_at <= :now AND t.claim_ends_at > :now', { now })
      .andWhere('t.issued < t.total_quantity')
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit + 1);
    if (merchantId) builder.andWhere('t.merchant_id = :merchantId', { merchantId });
    if (after) builder.andWhere('(t.created_at, t.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  async incrementUsed(templateId: string): Promise<void> {
    await this.db.query('UPDATE coupon_templates SET used = used + 1 WHERE id = $1', [templateId]);
  }
}
