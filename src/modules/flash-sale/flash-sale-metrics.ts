import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConnectionMetrics } from '../../platform/metrics/connection-metrics';
import { GateMetrics, StreamBacklog } from '../../platform/metrics/gate-metrics';
import { RedisService } from '../../platform/redis/redis.service';
import { GateConnection } from '../../platform/redis/gate-connection';
import { RestockSignal } from './gate/restock-signal';
import { OpenSales } from './persist/open-sales';
import { ReservationStream } from './persist/reservation-stream';

/** The flash sale's gate as metrics name it. */
export const FLASH_SALE_GATE = 'flash_sale';
/** Streams read per scrape at most: the scrape's work stays bounded however many sales are open. */
const MAX_SALES_READ = 100;

/**
 * What the flash sale shows on /metrics beyond its attempts (FlashPurchases counts those): the backlog of its open
 * sales' streams and the state of its own Redis connections.
 */
@Injectable()
export class FlashSaleMetrics implements OnModuleInit {
  constructor(
    private readonly gates: GateMetrics,
    private readonly connections: ConnectionMetrics,
    private readonly redis: RedisService,
    private readonly openSales: OpenSales,
    private readonly stream: ReservationStream,
    private readonly gateConnection: GateConnection,
    private readonly restockSignal: RestockSignal,
  ) {}

  onModuleInit(): void {
    this.gates.declare(FLASH_SALE_GATE);
    if (!this.redis.enabled) return;
    this.gates.streamBacklog(FLASH_SALE_GATE, () => this.backlog());
    this.connections.watchRedis('purchase', () => this.gateConnection.ready);
    this.connections.watchRedis('subscriber', () => this.restockSignal.ready);
  }

  private async backlog(): Promise<StreamBacklog> {
    const sales = (await this.openSales.list()).slice(0, MAX_SALES_READ);
    const backlogs = await Promise.all(sales.map((sale) => this.stream.backlog(sale.id)));
    return backlogs.reduce((sum, one) => ({ entries: sum.entries + one.entries, pending: sum.pending + one.pending }), {
      entries: 0,
      pending: 0,
    });
  }
}
