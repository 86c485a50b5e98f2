import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { apiKeyLookup, apiKeyMatches, generateApiKey } from './api-key';
import { Merchant } from './merchant.entity';

/** How long a verified key is trusted without asking the database again. */
const VERIFIED_KEY_TTL_MS = 30_000;
const VERIFIED_KEY_CACHE_SIZE = 10_000;

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

  /** The merchant a key belongs to, or null. */
  async verifyApiKey(apiKey: string): Promise<string | null> {
    const now = this.clock.now().getTime();
    const cached = this.verified.get(apiKey);
    if (cached && cached.until > now) return cached.merchantId;
    const lookup = apiKeyLookup(apiKey);
    if (lookup === null) return null;
    const merchant = await this.db
      .repo(Merchant)
      .findOne({ where: { apiKeyLookup: lookup }, select: { id: true, apiKeyHash: true } });
    if (!merchant || !apiKeyMatches(apiKey, merchant.apiKeyHash)) return null;
    if (this.verified.size >= VERIFIED_KEY_CACHE_SIZE) this.verified.clear();
    this.verified.set(apiKey, { merchantId: merchant.id, until: now + VERIFIED_KEY_TTL_MS });
    return merchant.id;
  }
}
