import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { DomainError } from '../../platform/errors/domain-error';
import { AttemptLimiter } from '../coupons/attempts/attempt-limiter';
import { codeDigest, generateCode, isWellFormedCode, normalizeCode } from '../coupons/domain/coupon-codes';
import { generatePin, pinDigest, pinMatches } from './domain/card-codes';
import { validUntil } from './domain/product-terms';
import { GiftCardCodeDto, GiftCardDto } from './dto/gift-card.dto';
import { GiftCardBook } from './gift-card-book';
import { GiftCardCodesRepository } from './gift-card-codes.repository';
import { GiftCardProductsRepository } from './gift-card-products.repository';
import { GiftCardProductsService } from './gift-card-products.service';
import { giftCardCodeInvalid } from './gift-cards.errors';

const INSERT_CHUNK = 1000;

/**
 * Cards sold offline: made in batches as code + PIN pairs, shown once, kept as digests; redeemed once each, under
 * the same per-shopper limit on failed attempts as coupon codes (CodeAttemptGuard, one budget for both).
 */
@Injectable()
export class GiftCardCodesService {
  private readonly logger = new Logger(GiftCardCodesService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly products: GiftCardProductsService,
    private readonly productRows: GiftCardProductsRepository,
    private readonly codes: GiftCardCodesRepository,
    private readonly book: GiftCardBook,
    private readonly attempts: AttemptLimiter,
  ) {}

  async generate(merchantId: string, productId: string, count: number): Promise<GiftCardCodeDto[]> {
    const product = await this.products.own(merchantId, productId);
    const now = this.clock.now();
    return this.db.transaction(async () => {
      const made: GiftCardCodeDto[] = [];
      while (made.length < count) {
        const batch = Array.from({ length: Math.min(INSERT_CHUNK, count - made.length) }, () => ({
          code: generateCode(),
          pin: generatePin(),
        }));
        const byDigest = new Map(batch.map((pair) => [codeDigest(pair.code), pair]));
        // A digest already taken (a collision of 59 random bits) is simply drawn again.
        const stored = await this.codes.insertUnused(
          [...byDigest].map(([digest, pair]) => ({
            id: randomUUID(),
            productId: product.id,
            merchantId,
            codeDigest: digest,
            pinDigest: pinDigest(pair.code, pair.pin),
            createdAt: now,
          })),
        );
        for (const digest of stored) made.push(byDigest.get(digest)!);
      }
      return made;
    });
  }

  /**
   * Issues the card of a code to the shopper. `ticket` is the attempt reserved against the failed-attempt limit:
   * forgiven when the card is issued, kept when the code or PIN was wrong (a guess).
   */
  async redeem(shopperId: string, input: string, pin: string, ticket: string): Promise<GiftCardDto> {
    try {
      const card = await this.redeemOnce(shopperId, normalizeCode(input), pin);
      await this.forgive(shopperId, ticket);
      return card;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'GIFT_CARD_CODE_INVALID'))
        await this.forgive(shopperId, ticket);
      throw error;
    }
  }

  private async redeemOnce(shopperId: string, code: string, pin: string): Promise<GiftCardDto> {
    if (!isWellFormedCode(code)) throw giftCardCodeInvalid();
    const found = await this.codes.byDigest(codeDigest(code));
    // A used code, or a wrong PIN, reads like no code at all: nothing tells a guesser which half was right.
    if (!found || found.status !== 'unused' || !pinMatches(code, pin, found.pinDigest)) throw giftCardCodeInvalid();
    const product = await this.productRows.byId(found.productId);
    if (!product) throw giftCardCodeInvalid();
    const now = this.clock.now();
    return this.db.transaction(async () => {
      const cardId = randomUUID();
      // Of concurrent redeemers exactly one moves the code; the others issue nothing.
      if (!(await this.codes.redeem(found.id, cardId, shopperId, now))) throw giftCardCodeInvalid();
      const card = await this.book.issue(
        {
          id: cardId,
          productId: product.id,
          merchantId: product.merchantId,
          ownerId: shopperId,
          faceValueFen: product.faceValueFen,
          validUntil: validUntil(now, product.validityDays),
          issueKey: `code:${found.id}`,
        },
        { ref: found.id, at: now },
      );
      if (!card) throw new Error(`code ${found.id} issued a card twice`);
      return GiftCardDto.from(card);
    });
  }

  /** A slot not given back only counts against the shopper for a minute: never worth failing the request. */
  private async forgive(shopperId: string, ticket: string): Promise<void> {
    try {
      await this.attempts.forgive(shopperId, ticket);
    } catch (error) {
      this.logger.warn(`could not forgive a code attempt of ${shopperId}: ${(error as Error).message}`);
    }
  }
}
