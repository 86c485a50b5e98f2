import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { isUniqueViolation } from '../../platform/database/postgres-errors';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, likePattern, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { CreateProductDto, ProductDto, ProductListQuery, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { skuTaken } from './products.errors';

@Injectable()
export class ProductsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(merchantId: string, input: CreateProductDto): Promise<ProductDto> {
    const product = this.db
      .repo(Product)
      .create({ id: randomUUID(), merchantId, ...input, status: 'active', createdAt: this.clock.now() });
    try {
      await this.db.repo(Product).insert(product);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_products_merchant_sku')) throw skuTaken(input.sku);
      throw error;
    }
    return ProductDto.from(product);
  }

  /** Newest first, by keyset over (created_at, id): an index per order (with and without status). */
  async listForMerchant(merchantId: string, query: ProductListQuery): Promise<Page<ProductDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const builder = this.db
      .repo(Product)
      .createQueryBuilder('p')
      .where('p.merchant_id = :merchantId', { merchantId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit + 1);
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.q) builder.andWhere('(p.name ILIKE :q OR p.sku ILIKE :q)', { q: likePattern(query.q) });
    if (after) builder.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return toPage(await builder.getMany(), limit, ProductDto.from);
  }

  /** A product of this merchant, archived ones included; 404 for another merchant's, as for one that does not exist. */
  async getForMerchant(merchantId: string, id: string): Promise<ProductDto> {
    return ProductDto.from(await this.find(id, merchantId));
  }

  /**
   * Changes what the product is from now on: orders already placed keep the unit prices they stored. The UPDATE is
   * scoped to the merchant (another merchant's product is 404).
   */
  async update(merchantId: string, id: string, input: UpdateProductDto): Promise<ProductDto> {
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one of name, priceFen, status'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Product');
    const { affected } = await this.db.repo(Product).update({ id, merchantId }, changes);
    if (affected !== 1) throw notFound('Product');
    return this.getForMerchant(merchantId, id);
  }

  /** What a shopper may see: an archived product is 404, as it is no longer sold. */
  async get(id: string): Promise<ProductDto> {
    const product = await this.find(id);
    if (product.status !== 'active') throw notFound('Product');
    return ProductDto.from(product);
  }

  /**
   * Products on sale, by id, for modules that price and sell them. Unknown and archived ids are simply absent, so
   * an order or quote naming an archived product is 404 NOT_FOUND, as for one that never existed.
   */
  async findMany(ids: string[]): Promise<Product[]> {
    const valid = ids.filter(isOpaqueId);
    if (valid.length === 0) return [];
    return this.db
      .repo(Product)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: valid })
      .andWhere("p.status = 'active'")
      .getMany();
  }

  private async find(id: string, merchantId?: string): Promise<Product> {
    const product = isOpaqueId(id)
      ? await this.db.repo(Product).findOneBy(merchantId ? { id, merchantId } : { id })
      : null;
    if (!product) throw notFound('Product');
    return product;
  }
}
