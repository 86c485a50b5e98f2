import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { forbidden, notFound } from '../../platform/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { apiKeyLookup, apiKeyMatches, generateApiKey } from './api-key';
import { MerchantDto, RotatedApiKeyDto } from './dto/merchant.dto';
import { Merchant } from './merchant.entity';

/** How long a verified current key is trusted without asking the database again. */
const VERIFIED_KEY_TTL_MS = 30_000;
const VERIFIED_KEY_CACHE_SIZE = 10_000;
/** How long the key replaced by a rotation keeps working, so integrators can deploy the new one. */
export const PREVIOUS_KEY_OVERLAP_MS = 24 * 60 * 60 * 1000;

interface KeyRow {
  id: string;
  api_key_lookup: string;
  api_key_hash: Buffer;
  previous_api_key_lookup: string | null;
  previous_api_key_hash: Buffer | null;
  previous_api_key_expires_at: Date | null;
}

@Injectable()
export class MerchantsService {
  private readonly verified = new Map<string, { merchantId: string; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<{ id: string; name: string; apiKey: string }> {
    const key = generateApiKey();
    const merchant = this.db.repo(Merchant).create({
      id: randomUUID(),
      name,
      apiKeyLookup: key.lookup,
      apiKeyHash: key.hash,
      createdAt: this.clock.now(),
    });
    await this.db.repo(Merchant).insert(merchant);
    return { id: merchant.id, name: merchant.name, apiKey: key.apiKey };
  }

  async get(merchantId: string): Promise<MerchantDto> {
    const merchant = await this.db.repo(Merchant).findOneBy({ id: merchantId });
    if (!merchant) throw notFound('Merchant');
    return MerchantDto.from(merchant);
  }

  /** Every merchant, newest first (platform view: never a key). */
  async list(query: PageQuery): Promise<Page<MerchantDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const builder = this.db
      .repo(Merchant)
      .createQueryBuilder('m')
      .select(['m.id', 'm.name', 'm.createdAt'])
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1);
    if (after) builder.where('(m.created_at, m.id) < (:createdAt, :id)', after);
    return toPage(await builder.getMany(), limit, MerchantDto.from);
  }

  /**
   * A new key; the current one becomes the previous key for 24 h. A key that was already previous (a second
   * rotation within the overlap) is replaced, so it stops at once: never more than two keys are valid. Only the
   * current key may rotate: else whoever holds a leaked key, once rotated away, could rotate again and take the
   * account back. Of two concurrent rotations with one key, the row lock lets exactly one through.
   */
  async rotateApiKey(merchantId: string, usedKey: string): Promise<RotatedApiKeyDto> {
    const key = generateApiKey();
    const previousKeyExpiresAt = new Date(this.clock.now().getTime() + PREVIOUS_KEY_OVERLAP_MS);
    const rows = await this.db.query(
      `UPDATE merchants SET previous_api_key_lookup = api_key_lookup, previous_api_key_hash = api_key_hash,
         previous_api_key_expires_at = $2, api_key_lookup = $3, api_key_hash = $4
       WHERE id = $1 AND api_key_lookup = $5 RETURNING id`,
      [merchantId, previousKeyExpiresAt, key.lookup, key.hash, apiKeyLookup(usedKey)],
    );
    if (rows.length === 0) throw forbidden('Only the current API key can rotate; this one is being retired');
    // This instance forgets the merchant's cached keys at once; see verifyApiKey for the others.
    for (const [cachedKey, entry] of this.verified)
      if (entry.merchantId === merchantId) this.verified.delete(cachedKey);
    return { apiKey: key.apiKey, previousKeyExpiresAt: previousKeyExpiresAt.toISOString() };
  }

  /**
   * The merchant a key belongs to, or null. Only current keys are cached: a previous key is checked against the
   * database (and the clock) on every call, so it is refused the moment it expires or a second rotation replaces
   * it, on every instance. A current key cached here stays valid for 24 h after a rotation, longer than the cache;
   * only two rotations within the cache's 30 s can leave it accepted here for the rest of those 30 s.
   */
  async verifyApiKey(apiKey: string): Promise<string | null> {
    const now = this.clock.now().getTime();
    const cached = this.verified.get(apiKey);
    if (cached && cached.until > now) return cached.merchantId;
    const lookup = apiKeyLookup(apiKey);
    if (lookup === null) return null;
    const rows = await this.db.query<KeyRow>(
      `SELECT id, api_key_lookup, api_key_hash, previous_api_key_lookup, previous_api_key_hash,
              previous_api_key_expires_at
       FROM merchants WHERE api_key_lookup = $1 OR previous_api_key_lookup = $1`,
      [lookup],
    );
    for (const row of rows) {
      if (row.api_key_lookup === lookup && apiKeyMatches(apiKey, row.api_key_hash)) {
        if (this.verified.size >= VERIFIED_KEY_CACHE_SIZE) this.verified.clear();
        this.verified.set(apiKey, { merchantId: row.id, until: now + VERIFIED_KEY_TTL_MS });
        return row.id;
      }
      if (
        row.previous_api_key_lookup === lookup &&
        row.previous_api_key_hash !== null &&
        row.previous_api_key_expires_at !== null &&
        row.previous_api_key_expires_at.getTime() > now &&
        apiKeyMatches(apiKey, row.previous_api_key_hash)
      ) {
        return row.id;
      }
    }
    return null;
  }
}
