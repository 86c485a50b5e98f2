import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { GiftCardProduct } from './entities/gift-card-product.entity';

/** Queries on gift_card_products; the only code that names the table. */
@Injectable()
export class GiftCardProductsRepository {
  constructor(private readonly db: Db) {}

  async insert(product: GiftCardProduct): Promise<void> {
    await this.db.repo(GiftCardProduct).insert({ ...product });
  }

  byId(id: string): Promise<GiftCardProduct | null> {
    return this.db.repo(GiftCardProduct).findOneBy({ id });
  }

  /** The merchant's products, newest first; only the active ones when `activeOnly`. */
  list(merchantId: string, activeOnly: boolean, after: Cursor | null, limit: number): Promise<GiftCardProduct[]> {
    const builder = this.db
      .repo(GiftCardProduct)
      .createQueryBuilder('p')
      .where('p.merchant_id = :merchantId', { merchantId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit);
    if (activeOnly) builder.andWhere(`p.status = 'active'`);
    if (after) builder.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }
}
