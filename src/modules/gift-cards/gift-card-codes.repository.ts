import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { GiftCardCode } from './entities/gift-card-code.entity';

/** Queries on gift_card_codes; the only code that names the table. */
@Injectable()
export class GiftCardCodesRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the codes whose digest is new; returns the digests stored. */
  async insertUnused(
    codes: ReadonlyArray<
      Pick<GiftCardCode, 'id' | 'productId' | 'merchantId' | 'codeDigest' | 'pinDigest' | 'createdAt'>
    >,
  ): Promise<Set<string>> {
    const rows = await this.db.query<{ code_digest: string }>(
      `INSERT INTO gift_card_codes (id, product_id, merchant_id, code_digest, pin_digest, status, created_at)
       SELECT id, product_id, merchant_id, code_digest, pin_digest, 'unused', created_at
       FROM json_to_recordset($1::json) AS c(id uuid, product_id uuid, merchant_id uuid, code_digest text,
                                              pin_digest text, created_at timestamptz)
       ON CONFLICT (code_digest) DO NOTHING RETURNING code_digest`,
      [
        JSON.stringify(
          codes.map((code) => ({
            id: code.id,
            product_id: code.productId,
            merchant_id: code.merchantId,
            code_digest: code.codeDigest,
            pin_digest: code.pinDigest,
            created_at: code.createdAt.toISOString(),
          })),
        ),
      ],
    );
    return new Set(rows.map((row) => row.code_digest));
  }

  byDigest(codeDigest: string): Promise<GiftCardCode | null> {
    return this.db.repo(GiftCardCode).findOneBy({ codeDigest });
  }

  /** Marks an unused code redeemed for this card; false when someone redeemed it first. */
  async redeem(id: string, cardId: string, shopperId: string, at: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE gift_card_codes SET status = 'redeemed', card_id = $2, redeemed_by = $3, redeemed_at = $4
       WHERE id = $1 AND status = 'unused' RETURNING id`,
      [id, cardId, shopperId, at],
    );
    return moved.length > 0;
  }
}
