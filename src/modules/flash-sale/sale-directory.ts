import { Injectable } from '@nestjs/common';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { isOpaqueId } from '../../platform/http/ids';
import { toSaleView, FlashSalesRepository } from './flash-sales.repository';
import type { SaleView } from './gate/flash-stock-gate';

const MAX_SALES = 10_000;
/** An unknown id is not looked up again for this long (ids nobody created yet cannot be guessed). */
const UNKNOWN_TTL_MS = 1_000;
/**
 * A sold-out flag answers for this long before one attempt goes to the gate again. Restocks are announced to
 * every instance (pub/sub) and drop the flag at once; this bounds the cost of an announcement missed or never made
 * (the Postgres adapter's releases reach only the instance that made them): a recheck whose answer shows units
 * left drops the flag.
 */
export const SOLD_OUT_RECHECK_MS = 2_000;

/**
 * What the purchase path knows in process, so that most attempts cost one gate call and no Postgres query:
 * sales (read once, then again after CampaignChanges reports an edit or an end), ids that name no sale (briefly), and per-sale sold-out flags.
 * Flags and caches run on the real clock: they are operational, not business, time.
 */
@Injectable()
export class SaleDirectory {
  private readonly sales = new Map<string, SaleView>();
  private readonly unknown = new Map<string, number>();
  private readonly soldOut = new Map<string, number>();
  /** Moves on every change heard: a sale read before a change is not kept after it (it may predate the change). */
  private changesHeard = 0;

  constructor(
    private readonly repository: FlashSalesRepository,
    changes: CampaignChanges,
  ) {
    // An edit or an end on any instance: the next attempt reads the sale again, and a sold-out flag may be stale.
    changes.on('flash-sales', (id) => {
      this.changesHeard++;
      this.sales.delete(id);
      this.soldOut.delete(id);
    });
  }

  /** The sale if this instance holds it in memory. */
  known(id: string): SaleView | undefined {
    return this.sales.get(id);
  }

  /** The sale, from memory when it can; null for an id that names none. */
  async find(id: string): Promise<SaleView | null> {
    const known = this.sales.get(id);
    if (known) return known;
    if (!isOpaqueId(id)) return null;
    const unknownUntil = this.unknown.get(id);
    if (unknownUntil !== undefined && Date.now() < unknownUntil) return null;
    return this.load(id);
  }

  /** The generation to pass to `remember` for a sale about to be read from Postgres. */
  get generation(): number {
    return this.changesHeard;
  }

  /** Keeps `sale` in memory, unless a change was heard since it was read (`readAt`: `generation` before the read). */
  remember(sale: SaleView, readAt = this.changesHeard): void {
    if (readAt !== this.changesHeard) return;
    if (this.sales.size >= MAX_SALES) this.sales.delete(this.sales.keys().next().value as string);
    this.sales.set(sale.id, sale);
    this.unknown.delete(sale.id);
  }

  /** True while the sale is flagged sold out. Once the flag is due for a recheck, one caller is let through. */
  isSoldOut(saleId: string): boolean {
    const recheckAt = this.soldOut.get(saleId);
    if (recheckAt === undefined) return false;
    const now = Date.now();
    if (now < recheckAt) return true;
    this.soldOut.set(saleId, now + SOLD_OUT_RECHECK_MS);
    return false;
  }

  markSoldOut(saleId: string): void {
    this.soldOut.set(saleId, Date.now() + SOLD_OUT_RECHECK_MS);
  }

  clearSoldOut(saleId: string): void {
    this.soldOut.delete(saleId);
  }

  private async load(id: string): Promise<SaleView | null> {
    const readAt = this.changesHeard;
    const sale = await this.repository.find(id);
    if (!sale) {
      if (this.unknown.size >= MAX_SALES) this.unknown.clear();
      this.unknown.set(id, Date.now() + UNKNOWN_TTL_MS);
      return null;
    }
    const view = toSaleView(sale);
    this.remember(view, readAt);
    return view;
  }
}
