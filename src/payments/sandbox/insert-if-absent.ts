import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERT … ON CONFLICT DO NOTHING; true when this call inserted the row. A unique violation would abort the
 * caller's transaction (the gateway may run inside one), a skipped insert does not.
 */
export async function insertIfAbsent<Entity extends ObjectLiteral>(
  repo: Repository<Entity>,
  values: QueryDeepPartialEntity<Entity>,
): Promise<boolean> {
  const result = await repo
    .createQueryBuilder()
    .insert()
    .values(values)
    .orIgnore()
    .updateEntity(false)
    .returning('1 AS inserted')
    .execute();
  return Array.isArray(result.raw) && result.raw.length > 0;
}
