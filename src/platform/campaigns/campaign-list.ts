import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, likePattern, pageLimit } from '../http/pagination';
import type { CampaignListQuery } from './campaign-list.query';
import { campaignStatusCondition } from './campaign-status.sql';

export interface CampaignListColumns {
  alias: string;
  /** The column `q` matches. */
  name: string;
  startsAt: string;
  endsAt: string;
}

/**
 * A merchant's campaigns of one kind, newest first, by keyset over (created_at, id) on the index
 * (merchant_id, created_at, id): the status and name filters narrow that walk, never an OFFSET. Fetches limit+1
 * rows, for `toPage`.
 */
export function campaignListQuery<Row extends ObjectLiteral>(
  builder: SelectQueryBuilder<Row>,
  merchantId: string,
  query: CampaignListQuery,
  columns: CampaignListColumns,
  now: Date,
): SelectQueryBuilder<Row> {
  const { alias } = columns;
  const after = decodeCursor(query.cursor);
  builder
    .where(`${alias}.merchant_id = :merchantId`, { merchantId })
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(pageLimit(query) + 1);
  if (query.status) builder.andWhere(campaignStatusCondition(query.status, columns), { now });
  if (query.q) builder.andWhere(`${alias}.${columns.name} ILIKE :q`, { q: likePattern(query.q) });
  if (after) builder.andWhere(`(${alias}.created_at, ${alias}.id) < (:createdAt, :id)`, after);
  return builder;
}
