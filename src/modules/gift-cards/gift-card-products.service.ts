import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { liabilityOf } from './domain/liability';
import { priceProblem, PRODUCT_TERMS } from './domain/product-terms';
import {
  CreateGiftCardProductDto,
  GiftCardProductDto,
  GiftCardProductsQuery,
  MerchantGiftCardProductDto,
} from './dto/gift-card-product.dto';
import { GiftCardProduct } from './entities/gift-card-product.entity';
import { GiftCardProductsRepository } from './gift-card-products.repository';
import { GiftCardsRepository } from './gift-cards.repository';

/** Card products: what merchants sell, with their figures from the ledger. */
@Injectable()
export class GiftCardProductsService {
  constructor(
    private readonly clock: Clock,
    private readonly products: GiftCardProductsRepository,
    private readonly cards: GiftCardsRepository,
  ) {}

  async create(merchantId: string, input: CreateGiftCardProductDto): Promise<GiftCardProductDto> {
    const problem = priceProblem(input);
    if (problem) throw validationFailed([{ field: 'priceFen', problems: [problem] }]);
    const product: GiftCardProduct = {
      id: randomUUID(),
      merchantId,
      name: input.name,
      faceValueFen: input.faceValueFen,
      priceFen: input.priceFen,
      validityDays: input.validityDays,
      perOrderLimit: input.perOrderLimit ?? PRODUCT_TERMS.perOrderLimit.default,
      status: 'active',
      createdAt: this.clock.now(),
    };
    await this.products.insert(product);
    return GiftCardProductDto.from(product);
  }

  /** The merchant's products with their stats, summed over the ledger when read. */
  async listForMerchant(merchantId: string, query: PageQuery): Promise<Page<MerchantGiftCardProductDto>> {
    const limit = pageLimit(query);
    const rows = await this.products.list(merchantId, false, decodeCursor(query.cursor), limit + 1);
    const figures = await this.cards.productFigures(
      merchantId,
      rows.slice(0, limit).map((product) => product.id),
    );
    return toPage(rows, limit, (product) => {
      const figure = figures.get(product.id)!;
      const report = liabilityOf(figure.sums);
      return {
        ...GiftCardProductDto.from(product),
        stats: {
          sold: figure.sold,
          activeBalanceFen: report.outstandingFen,
          redeemedFen: report.redeemedFen,
          expiredFen: report.expiredFen,
        },
      };
    });
  }

  /** What shoppers can buy of a merchant. */
  async listForShoppers(query: GiftCardProductsQuery): Promise<Page<GiftCardProductDto>> {
    const limit = pageLimit(query);
    const rows = await this.products.list(query.merchantId, true, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, GiftCardProductDto.from);
  }

  /** The merchant's own product; another merchant's is 404 like one that does not exist. */
  async own(merchantId: string, productId: string): Promise<GiftCardProduct> {
    const product = isOpaqueId(productId) ? await this.products.byId(productId) : null;
    if (!product || product.merchantId !== merchantId) throw notFound('Gift card product');
    return product;
  }

  /** A product on sale. */
  async onSale(productId: string): Promise<GiftCardProduct> {
    const product = isOpaqueId(productId) ? await this.products.byId(productId) : null;
    if (!product || product.status !== 'active') throw notFound('Gift card product');
    return product;
  }
}
