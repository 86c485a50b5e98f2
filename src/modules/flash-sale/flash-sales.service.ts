import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { assertStartedPatch, definedFields } from '../../platform/campaigns/campaign-patch';
import { hasStarted } from '../../platform/campaigns/campaign-status';
import { stockBelowTaken } from '../../platform/campaigns/campaign.errors';
import { mergeTimeline } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
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
import { CreateFlashSaleDto, UpdateFlashSaleDto } from './dto/create-flash-sale.dto';
import {
  FlashReservationDto,
  FlashSaleTimelineDto,
  MerchantFlashSaleDto,
  PublicFlashSaleDto,
} from './dto/flash-sale.dto';
import { FlashSale } from './entities/flash-sale.entity';
import { FlashSalesRepository, SaleTermsRow, SaleUnits, toSaleView } from './flash-sales.repository';
import { FlashStockGate } from './gate/flash-stock-gate';
import { SaleDirectory } from './sale-directory';
import { WebhookEvents } from '../webhooks/webhook-events.service';

/**
 * Sales as merchants create, edit, end and read them (with stats and timelines), their public view, and
 * reservations as shoppers follow them.
 */
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
    const terms = await this.checkedTerms(merchantId, input, now);
    const sale: FlashSale = {
      id: randomUUID(),
      merchantId,
      ...terms,
      remaining: terms.totalStock,
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

  /**
   * Before the start any field (the result checked as at creation); after it only a later endsAt and a larger
   * totalStock (409 CAMPAIGN_LOCKED otherwise); never a totalStock below the units taken. The row is locked while
   * it changes, so the units taken cannot move under the check (the Postgres adapter's purchases wait at its
   * counter, and before the start nothing is bought), and the gate follows the new total exactly (FlashStockGate
   * `edited`). Every instance drops its cached terms and sold-out flag through CampaignChanges.
   */
  async update(merchantId: string, id: string, patch: UpdateFlashSaleDto): Promise<MerchantFlashSaleDto> {
    const changes = definedFields(patch);
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one field to change'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Flash sale');
    const edited = await this.changes.change('flash-sales', id, async () => {
      const current = await this.repository.lockForMerchant(id, merchantId);
      if (!current) throw notFound('Flash sale');
      const now = this.clock.now();
      // Below what is taken is its own refusal, whether or not the sale has started.
      if (changes.totalStock !== undefined && changes.totalStock < current.totalStock) {
        const taken = await this.taken(current);
        if (changes.totalStock < taken) throw stockBelowTaken('totalStock', taken);
      }
      const body = creationBody(current);
      if (hasStarted(current, now)) assertStartedPatch(changes, body, { end: 'endsAt', stock: ['totalStock'] });
      const merged = { ...body, ...changes } as CreateFlashSaleDto;
      // A window that has passed may keep its end: only a new endsAt must lie ahead.
      const terms = await this.checkedTerms(merchantId, merged, changes.endsAt === undefined ? null : now);
      // The product's name as the sale was made with it, unless the product itself changed.
      if (terms.productId === current.productId) terms.productName = current.productName;
      await this.repository.updateTerms(id, terms);
      const units = terms.totalStock - current.totalStock;
      const sale: FlashSale = { ...current, ...terms, remaining: current.remaining + units };
      await this.gate.edited(toSaleView(sale), units);
      return sale;
    });
    return this.merchantView(edited);
  }

  async getForMerchant(merchantId: string, id: string): Promise<MerchantFlashSaleDto> {
    return this.merchantView(await this.own(merchantId, id));
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
    await this.own(merchantId, id);
    await this.changes.change('flash-sales', id, async () => {
      const now = this.clock.now();
      if (await this.repository.end(id, merchantId, now)) {
        await this.webhooks.campaignEnded(merchantId, 'flash-sales', id, now);
      }
    });
    return this.getForMerchant(merchantId, id);
  }

  /**
   * Orders placed by the time they were placed; orders paid and what they paid by the time they were paid, from
   * what each reservation noted when its order moved (the orders table is not read). A flash-sale order has no
   * discount line: discountFen is 0.
   */
  async timeline(merchantId: string, id: string, bucket: TimelineBucket): Promise<FlashSaleTimelineDto> {
    const sale = await this.own(merchantId, id);
    const [purchases, payments] = await Promise.all([
      this.repository.purchaseTimeline(sale.id, bucket),
      this.repository.paymentTimeline(sale.id, bucket),
    ]);
    const counters = ['purchases', 'paid', 'revenueFen', 'discountFen'] as const;
    return { buckets: mergeTimeline(counters, purchases, payments) };
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

  /** Another merchant's sale is 404, as one that does not exist. */
  private async own(merchantId: string, id: string): Promise<FlashSale> {
    const sale = isOpaqueId(id) ? await this.repository.findForMerchant(id, merchantId) : null;
    if (!sale) throw notFound('Flash sale');
    return sale;
  }

  /** The sale's terms from a creation body, or 400 (creation and edits alike); 404 for another's product. */
  private async checkedTerms(merchantId: string, input: CreateFlashSaleDto, now: Date | null): Promise<SaleTermsRow> {
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
    return {
      productId: product.id,
      productName: product.name,
      ...terms,
      paymentWindowSeconds: input.paymentWindowSeconds ?? DEFAULT_PAYMENT_WINDOW_SECONDS,
    };
  }

  /** Units taken (held by reservations, queued or confirmed, or paid), as the gate counts them. */
  private async taken(sale: FlashSale): Promise<number> {
    const stats = await this.stats(sale);
    return stats.reserved + stats.paid;
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

/** The sale in the terms of its creation body: what a PATCH is merged into and compared with. */
function creationBody(sale: FlashSale): Record<string, unknown> {
  return {
    productId: sale.productId,
    priceFen: sale.priceFen,
    totalStock: sale.totalStock,
    perUserLimit: sale.perUserLimit,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    paymentWindowSeconds: sale.paymentWindowSeconds,
  };
}
