import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { DomainError, notFound } from '../../platform/errors/domain-error';
import { AttemptLimiter } from './attempts/attempt-limiter';
import { Page, decodeCursor, pageLimit, toPage } from '../../platform/http/pagination';
import { CouponCodeSeal } from './coupon-code-seal';
import { CouponCodesRepository } from './coupon-codes.repository';
import { CouponIssuer } from './coupon-issuer';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponTemplatesService } from './coupon-templates.service';
import { couponCodeInvalid, couponCodeUsed, couponNotClaimable } from './coupons.errors';
import { codeDigest, generateCode, isWellFormedCode, normalizeCode } from './domain/coupon-codes';
import { CodeListQuery, ListedCodeDto } from './dto/codes.dto';
import { CouponDto } from './dto/coupon.dto';

const INSERT_CHUNK = 1000;

/** What a failed redemption counts as: guessing (kept against the limit) or anything else (forgiven). */
const GUESSES = new Set(['COUPON_CODE_INVALID', 'COUPON_CODE_USED']);

/** Codes of `code` templates: made in batches and shown once, redeemed once each. */
@Injectable()
export class CouponCodesService {
  private readonly logger = new Logger(CouponCodesService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly templates: CouponTemplatesService,
    private readonly definitions: CouponTemplatesRepository,
    private readonly issuer: CouponIssuer,
    private readonly codes: CouponCodesRepository,
    private readonly attempts: AttemptLimiter,
    private readonly seal: CouponCodeSeal,
  ) {}

  /** `count` fresh codes for the merchant's `code` template; stored as digests (to redeem) and sealed (to list). */
  async generate(merchantId: string, templateId: string, count: number): Promise<string[]> {
    const template = await this.templates.ownTemplate(merchantId, templateId);
    if (template.distribution !== 'code') {
      throw couponNotClaimable(`Codes are made for code templates; this one is ${template.distribution}`);
    }
    const now = this.clock.now();
    return this.db.transaction(async () => {
      const codes: string[] = [];
      while (codes.length < count) {
        const batch = Array.from({ length: Math.min(INSERT_CHUNK, count - codes.length) }, generateCode);
        const byDigest = new Map(batch.map((code) => [codeDigest(code), code]));
        // A digest already taken (a collision of 59 random bits) is simply drawn again.
        const fresh = [...byDigest].map(([digest, code]) => ({ digest, sealed: this.seal.seal(code) }));
        const stored = await this.codes.insertUnused(template.id, fresh, now);
        for (const digest of stored) codes.push(byDigest.get(digest)!);
      }
      return codes;
    });
  }

  /** The codes of the merchant's template (404 for another merchant's), newest first. */
  async list(merchantId: string, templateId: string, query: CodeListQuery): Promise<Page<ListedCodeDto>> {
    const template = await this.templates.ownTemplate(merchantId, templateId);
    const limit = pageLimit(query);
    const rows = await this.codes.page(template.id, query.status, decodeCursor(query.cursor), limit);
    return toPage(rows, limit, (row) => ({
      code: this.seal.open(row.codeSealed),
      status: row.status,
      couponId: row.couponId,
      redeemedAt: row.redeemedAt?.toISOString() ?? null,
    }));
  }

  /**
   * Redeems a code for the shopper. `ticket` is the attempt reserved against the failed-attempt limit before the
   * request ran: forgiven unless the attempt was a guess (unknown or used code).
   */
  async redeem(shopperId: string, input: string, ticket: string): Promise<CouponDto> {
    try {
      const coupon = await this.redeemOnce(shopperId, normalizeCode(input));
      await this.forgive(shopperId, ticket);
      return coupon;
    } catch (error) {
      if (!(error instanceof DomainError && GUESSES.has(error.code))) await this.forgive(shopperId, ticket);
      throw error;
    }
  }

  /** A slot not given back only counts against the shopper for a minute: never worth failing the request. */
  private async forgive(shopperId: string, ticket: string): Promise<void> {
    try {
      await this.attempts.forgive(shopperId, ticket);
    } catch (error) {
      this.logger.warn(`could not forgive a code attempt of ${shopperId}: ${(error as Error).message}`);
    }
  }

  private async redeemOnce(shopperId: string, code: string): Promise<CouponDto> {
    if (!isWellFormedCode(code)) throw couponCodeInvalid();
    const digest = codeDigest(code);
    const found = await this.codes.findByDigest(digest);
    if (!found) throw couponCodeInvalid();
    if (found.status !== 'unused') throw couponCodeUsed();
    const template = await this.definitions.definition(found.templateId);
    if (!template) throw notFound('Coupon template');
    const coupon = await this.issuer.issue(template, shopperId, {
      source: 'code',
      // In the coupon's transaction: if another redeemer got there first, nothing is issued.
      before: async (couponId) => {
        if (!(await this.codes.redeem(digest, couponId, shopperId, this.clock.now()))) throw couponCodeUsed();
      },
    });
    return CouponDto.from(coupon, template, this.clock.now());
  }
}
