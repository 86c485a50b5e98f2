import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** Queries on endpoints; the only code that names their table besides the fan-out and the dispatcher's claim. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly db: Db) {}

  async insert(endpoint: WebhookEndpoint): Promise<void> {
    await this.db.repo(WebhookEndpoint).insert(endpoint);
  }

  findForMerchant(merchantId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.db.repo(WebhookEndpoint).findOneBy({ id, merchantId });
  }

  /** The endpoint, row-locked for the rest of the transaction (a rotation reads and replaces the secret). */
  lockForMerchant(merchantId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.db
      .repo(WebhookEndpoint)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id AND e.merchant_id = :merchantId', { id, merchantId })
      .getOne();
  }

  async update(id: string, changes: Partial<WebhookEndpoint>): Promise<void> {
    await this.db.repo(WebhookEndpoint).update({ id }, changes);
  }

  async delete(merchantId: string, id: string): Promise<boolean> {
    const deleted = await this.db.query(
      'DELETE FROM webhook_endpoints WHERE id = $1 AND merchant_id = $2 RETURNING id',
      [id, merchantId],
    );
    return deleted.length > 0;
  }

  /** Newest first, by keyset over (created_at, id) on (merchant_id, created_at, id); limit+1 rows for `toPage`. */
  listForMerchant(merchantId: string, after: Cursor | null, limit: number): Promise<WebhookEndpoint[]> {
    const builder = this.db
      .repo(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.merchant_id = :merchantId', { merchantId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit);
    if (after) builder.andWhere('(e.created_at, e.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }
}
