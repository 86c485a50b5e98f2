import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { Clock } from '../../platform/clock/clock';
import { Page, pageLimit, toPage } from '../../platform/http/pagination';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { ProductsService } from '../products/products.service';
import { reservationStatus } from './domain/reservation-status';
import { parseReservationId } from './domain/reservation-id';
import { SaleStats, saleStats } from './domain/sale-stats';
import { saleStatus } from './domain/sale-status';
import { DEFAULT_PAYMENT_WINDOW_SECONDS, DEFAULT_PER_USER_LIMIT, saleTermProblems } from './domain/sale-terms';
import { CreateFlashSaleDto } from './dto/create-flash-sale.dto';
import { FlashReservationDto, MerchantFlashSaleDto, PublicFlashSaleDto } from './dto/flash-sale.dto';
import { FlashSale } from './entities/flash-sale.entity';
import { FlashSalesRepository, SaleUnits, toSaleView } from './flash-sales.repository';
import { FlashStockGate } from './gate/flash-stock-gate';
import { SaleDirectory } from './sale-directory';
import { WebhookEvents } from '../webhooks/webhook-events.service';

/** Sales as merchants create and read them, their public view, and reservations as shoppers follow them. */
@Injectable()
export class FlashSalesService {
  constructor(
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly repository: FlashSalesRepository,
    private readonly gate: FlashStockGate,
    private readonly directory: SaleDirectory,
    private readonly changes: CampaignChanges,
    private readonly webhooks: WebhookEvents,
  ) {}

  async create(merchantId: string, input: CreateFlashSaleDto): Promise<MerchantFlashSaleDto> {
    const now = this.clock.now();
    const terms = {
      priceFen: input.priceFen,
      totalStock: input.totalStock,
      perUserLimit: input.perUserLimit ?? DEFAULT_PER_USER_LIMIT,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    };
    const problems = saleTermProblems(terms, now);
    if (problems.length > 0) throw validationFailed(problems);
    const product = await this.products.getForMerchant(merchantId, input.productId); // 404 unless it is this merchant's
    const sale: FlashSale = {
      id: randomUUID(),
      merchantId,
      productId: input.productId,
      productName: product.name,
      ...terms,
      paymentWindowSeconds: input.paymentWindowSeconds ?? DEFAULT_PAYMENT_WINDOW_SECONDS,
      remaining: input.totalStock,
      redisEpoch: 0,
      endedAt: null,
      createdAt: now,
    };
    await this.repository.insert(sale);
    const view = toSaleView(sale);
    this.directory.remember(view);
    await this.gate.prepare(view);
    return this.merchantView(sale);
  }

  async getForMerchant(merchantId: string, id: string): Promise<MerchantFlashSaleDto> {
    const sale = isOpaqueId(id) ? await this.repository.findForMerchant(id, merchantId) : null;
    if (!sale) throw notFound('Flash sale');
    return this.merchantView(sale);
  }

  /** Newest first, by keyset; each with its stats (a page is at most a page size of sales). */
  async listForMerchant(merchantId: string, query: CampaignListQuery): Promise<Page<MerchantFlashSaleDto>> {
    const rows = await this.repository.listForMerchant(merchantId, query, this.clock.now());
    const limit = pageLimit(query);
    const sales = rows.slice(0, limit);
    const ids = sales.map((sale) => sale.id);
    // Three reads for the whole page, never three per sale.
    const [units, failed, gate] = await Promise.all([
      this.repository.unitsOfEach(ids),
      this.repository.countFailedOfEach(ids),
      this.gate.remainingOfEach(sales.map(toSaleView)),
    ]);
    return toPage(rows, limit, (sale) => {
      const stats = this.statsOf(sale, units.get(sale.id)!, gate.get(sale.id) ?? null);
      return MerchantFlashSaleDto.fromSale(
        sale,
        this.status(sale, stats),
        stats,
        failed.get(sale.id)!,
        this.clock.now(),
      );
    });
  }

  /**
   * No purchase starts from it any more, on any instance (each hears the change within CampaignChanges' poll);
   * reservations already held may still be paid until they expire. Idempotent.
   */
  async end(merchantId: string, id: string): Promise<MerchantFlashSaleDto> {
    await this.getForMerchant(merchantId, id);
    await this.changes.change('flash-sales', id, async () => {
      const now = this.clock.now();
      if (await this.repository.end(id, merchantId, now))
        await this.webhooks.campaignEnded(merchantId, 'flash-sales', id, now);
    });
    return this.getForMerchant(merchantId, id);
  }

  async getPublic(id: string): Promise<PublicFlashSaleDto> {
    const sale = isOpaqueId(id) ? await this.repository.find(id) : null;
    if (!sale) throw notFound('Flash sale');
    const stats = await this.stats(sale);
    return PublicFlashSaleDto.from(sale, this.status(sale, stats), stats.remaining);
  }

  /** The shopper's own reservation; 404 for anyone else's. */
  async getReservation(shopperId: string, reservationId: string): Promise<FlashReservationDto> {
    const ids = parseReservationId(reservationId);
    const sale = ids ? await this.directory.find(ids.saleId) : null;
    if (!sale) throw notFound('Reservation');
    // The gate first: an entry leaves it only after its row is committed, so one of the two always knows it.
    const queued = await this.gate.queued(sale.id, reservationId);
    if (queued) {
      if (queued.shopperId !== shopperId) throw notFound('Reservation');
      return { reservationId, status: 'queued', orderId: null };
    }
    const row = await this.repository.findReservation(ids!.rowId);
    if (row && row.shopperId !== shopperId) throw notFound('Reservation');
    return { reservationId, status: reservationStatus(false, row), orderId: row?.orderId ?? null };
  }

  private async merchantView(sale: FlashSale): Promise<MerchantFlashSaleDto> {
    const [stats, failed] = await Promise.all([this.stats(sale), this.repository.countFailed(sale.id)]);
    return MerchantFlashSaleDto.fromSale(sale, this.status(sale, stats), stats, failed, this.clock.now());
  }

  private async stats(sale: FlashSale): Promise<SaleStats> {
    const [units, gateRemaining] = await Promise.all([
      this.repository.unitsByStatus(sale.id),
      this.gate.remaining(toSaleView(sale)),
    ]);
    return this.statsOf(sale, units, gateRemaining);
  }

  private statsOf(sale: FlashSale, units: SaleUnits, gateRemaining: number | null): SaleStats {
    return saleStats({
      totalStock: sale.totalStock,
      confirmedUnits: units.confirmed,
      paidUnits: units.paid,
      gateRemaining,
    });
  }

  private status(sale: FlashSale, stats: SaleStats) {
    return saleStatus(toSaleView(sale), this.clock.now().getTime(), stats.remaining);
  }
}
