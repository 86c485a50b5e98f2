import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { isUniqueViolation } from '../../platform/database/postgres-errors';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { CreateProductDto, ProductDto } from './dto/product.dto';
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
      .create({ id: randomUUID(), merchantId, ...input, createdAt: this.clock.now() });
    try {
      await this.db.repo(Product).insert(product);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_products_merchant_sku')) throw skuTaken(input.sku);
      throw error;
    }
    return ProductDto.from(product);
  }

  async listForMerchant(merchantId: string, query: PageQuery): Promise<Page<ProductDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const builder = this.db
      .repo(Product)
      .createQueryBuilder('p')
      .where('p.merchant_id = :merchantId', { merchantId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit + 1);
    if (after) builder.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return toPage(await builder.getMany(), limit, ProductDto.from);
  }

  /** A product of this merchant; 404 for another merchant's, as for one that does not exist. */
  async getForMerchant(merchantId: string, id: string): Promise<ProductDto> {
    return ProductDto.from(await this.find(id, merchantId));
  }

  async get(id: string): Promise<ProductDto> {
    return ProductDto.from(await this.find(id));
  }

  /** Products by id, for modules that price and sell them. Unknown ids are simply absent. */
  async findMany(ids: string[]): Promise<Product[]> {
    const valid = ids.filter(isOpaqueId);
    if (valid.length === 0) return [];
    return this.db.repo(Product).createQueryBuilder('p').where('p.id IN (:...ids)', { ids: valid }).getMany();
  }

  private async find(id: string, merchantId?: string): Promise<Product> {
    const product = isOpaqueId(id)
      ? await this.db.repo(Product).findOneBy(merchantId ? { id, merchantId } : { id })
      : null;
    if (!product) throw notFound('Product');
    return product;
  }
}
