import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { CouponTemplate, TemplateDefinition } from './entities/coupon-template.entity';

const CACHED_DEFINITIONS = 5000;

/** Queries on coupon templates. Definitions are cached (they never change); counters are always read fresh. */
@Injectable()
export class CouponTemplatesRepository {
  private readonly cache = new Map<string, TemplateDefinition>();

  constructor(private readonly db: Db) {}

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
    const template = await this.db.repo(CouponTemplate).findOneBy({ id });
    if (!template) return null;
    const definition: TemplateDefinition & Partial<Pick<CouponTemplate, 'issued' | 'used'>> = template;
    delete definition.issued;
    delete definition.used;
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
