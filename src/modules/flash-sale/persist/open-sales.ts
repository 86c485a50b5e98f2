import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { isOpen } from '../domain/sale-status';
import { FlashSalesRepository, toSaleView } from '../flash-sales.repository';
import type { SaleView } from '../gate/flash-stock-gate';
import { RedisGateRebuilder } from '../gate/redis-gate-rebuilder';
import { SaleDirectory } from '../sale-directory';

/** Sales are read from this long before they open (keys loaded ahead) until this long after they close. */
const AHEAD_MS = 10 * 60 * 1000;
const BEHIND_MS = 60 * 60 * 1000;

/** The sales whose streams may hold reservations to persist: open now, about to open, or just closed. */
@Injectable()
export class OpenSales {
  private readonly logger = new Logger(OpenSales.name);

  constructor(
    private readonly clock: Clock,
    private readonly repository: FlashSalesRepository,
    private readonly directory: SaleDirectory,
    private readonly rebuilder: RedisGateRebuilder,
  ) {}

  async list(): Promise<SaleView[]> {
    const readAt = this.directory.generation;
    const sales = (await this.repository.openAround(this.clock.now(), AHEAD_MS, BEHIND_MS)).map(toSaleView);
    for (const sale of sales) this.directory.remember(sale, readAt);
    return sales;
  }

  /**
   * Runs `work` on each sale of `list()` and adds up what it returns. A sale that fails is logged (`what` failed)
   * and left for the next run while the others go on; the run then fails with the last error.
   */
  async sumOverEach(what: string, work: (sale: SaleView) => Promise<number>): Promise<number> {
    let total = 0;
    let failed: Error | null = null;
    for (const sale of await this.list()) {
      try {
        total += await work(sale);
      } catch (error) {
        failed = error as Error;
        this.logger.warn(`flash sale ${sale.id}: ${what} failed: ${failed.message}`);
      }
    }
    if (failed) throw failed;
    return total;
  }

  /**
   * Keys of a sale that is open or about to open are loaded ahead of the attempts that would find them missing
   * (after a Redis restart, say): while a sale's sold-out flag answers in process, no attempt would.
   */
  async ensureLoaded(sale: SaleView): Promise<void> {
    const nowMs = this.clock.now().getTime();
    if (!isOpen(sale, nowMs) && nowMs >= sale.startsAtMs) return;
    if (!(await this.rebuilder.loaded(this.rebuilder.keysOf(sale.id)))) await this.rebuilder.ensure(sale);
  }
}
