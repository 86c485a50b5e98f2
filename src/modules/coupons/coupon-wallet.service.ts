import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { basketFen } from '../../platform/money/money';
import { ProductsService } from '../products/products.service';
import { termsOf } from './coupon-terms-of';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponsRepository } from './coupons.repository';
import { rankOptions } from './domain/best-coupon';
import { evaluateCoupon } from './domain/coupon-rule';
import { Basket } from './domain/coupon-terms';
import { CouponDto } from './dto/coupon.dto';
import { WalletQuery } from './dto/coupon-queries.dto';
import { NotApplicableDto, QuoteItemInput, QuoteResultDto } from './dto/quote.dto';

/** The shopper's wallet, and which of its coupons does most for a basket. */
@Injectable()
export class CouponWalletService {
  constructor(
    private readonly coupons: CouponsRepository,
    private readonly templates: CouponTemplatesRepository,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  async list(shopperId: string, query: WalletQuery): Promise<Page<CouponDto>> {
    const limit = pageLimit(query);
    const now = this.clock.now();
    const rows = await this.coupons.walletPage(shopperId, query.status, now, decodeCursor(query.cursor), limit);
    const templates = await this.templates.definitions(rows.map((coupon) => coupon.templateId));
    return toPage(rows, limit, (coupon) => CouponDto.from(coupon, templates.get(coupon.templateId)!, now));
  }

  /**
   * Every coupon of the wallet that is not locked or used, weighed against the items at list prices: the ones
   * that apply best first (with the discount an order would get: it always leaves 1 fen to pay), the others
   * with the reason they do not.
   */
  async quote(shopperId: string, items: QuoteItemInput[]): Promise<QuoteResultDto> {
    const basket = await this.basket(items);
    const subtotalFen = basketFen(basket.lines);
    const candidates = await this.coupons.quoteCandidates(shopperId);
    const templates = await this.templates.definitions(candidates.map((coupon) => coupon.templateId));
    const options: Array<{ couponId: string; discountFen: number; validUntil: Date }> = [];
    const notApplicable: NotApplicableDto[] = [];
    for (const coupon of candidates) {
      const evaluation = evaluateCoupon(termsOf(coupon, templates.get(coupon.templateId)!), basket);
      if (evaluation.applicable) {
        options.push({
          couponId: coupon.id,
          discountFen: Math.min(evaluation.discountFen, subtotalFen - 1),
          validUntil: coupon.validUntil,
        });
      } else notApplicable.push({ couponId: coupon.id, reason: evaluation.reason });
    }
    const ranked = rankOptions(options).map(({ couponId, discountFen }) => ({ couponId, discountFen }));
    return { subtotalFen, best: ranked[0] ?? null, options: ranked, notApplicable };
  }

  private async basket(items: QuoteItemInput[]): Promise<Basket> {
    const ids = items.map((item) => item.productId);
    if (new Set(ids).size !== ids.length) {
      throw validationFailed([{ field: 'items', problems: ['list each product once, with its quantity'] }]);
    }
    const products = new Map((await this.products.findMany(ids)).map((product) => [product.id, product]));
    const missing = ids.find((id) => !products.has(id));
    if (missing) throw notFound(`Product ${missing}`);
    const merchants = new Set([...products.values()].map((product) => product.merchantId));
    if (merchants.size > 1) {
      throw validationFailed([
        { field: 'items', problems: ["a quote is for one merchant's products, as an order is"] },
      ]);
    }
    return {
      merchantId: [...merchants][0],
      lines: items.map((item) => ({ ...item, unitPriceFen: products.get(item.productId)!.priceFen })),
      now: this.clock.now(),
    };
  }
}
