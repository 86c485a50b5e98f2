import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ProductsService } from '../products/products.service';
import { OrderExportQuery } from './dto/order.dto';
import { ExportKey, ExportRange, ORDER_CSV_COLUMNS, OrdersRepository } from './orders.repository';
import { orderFilter } from './orders.service';

/** Orders read per batch: what one batch's CSV bytes hold at once (~110 KB for 500 orders of one or two lines). */
const BATCH = 500;

/** The header line; its names need no quoting. */
const HEADER = `${ORDER_CSV_COLUMNS.join(',')}\n`;

/**
 * A merchant's orders as CSV, streamed: batches are read by keyset as the client takes the text (backpressure),
 * so a year of orders is never held in memory, and a client that goes away stops the reading. PostgreSQL writes
 * each batch's lines (OrdersRepository.exportCsvLines): the text comes as bytes, not as an object per order,
 * which keeps the service's memory flat however many orders there are (bench/orders-csv.ts).
 */
@Injectable()
export class OrderCsvExportService {
  private readonly logger = new Logger(OrderCsvExportService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly products: ProductsService,
  ) {}

  /**
   * Checks the range at once (a bad one is 400 before any byte is sent), then answers the stream. The next batch
   * is read only when the client has taken the previous one; destroying the stream (the client went away) ends
   * the generator: no further batch is read.
   */
  stream(merchantId: string, query: OrderExportQuery): Readable {
    const { from, to } = orderFilter(query);
    const stream = Readable.from(this.chunks(merchantId, { from, to }), { objectMode: false, highWaterMark: 1 });
    // Before its end: the client went away (or a batch failed, which the error handler logs too).
    stream.on('close', () => {
      if (!stream.readableEnded) this.logger.warn(`orders.csv for merchant ${merchantId} stopped before its end`);
    });
    return stream;
  }

  private async *chunks(merchantId: string, range: ExportRange): AsyncGenerator<string | Buffer> {
    yield HEADER;
    let after: ExportKey | null = null;
    for (;;) {
      const batch = await this.orders.nextExportBatch(merchantId, range, after, BATCH);
      if (!batch) return;
      // Current names of active products; an archived one's is empty (docs/merchants.md).
      const names = await this.products.findMany(batch.productIds);
      yield* await this.orders.exportCsvLines(
        merchantId,
        range,
        after,
        batch.last,
        Object.fromEntries(names.map((product) => [product.id, product.name])),
      );
      if (batch.size < BATCH) return;
      after = batch.last;
    }
  }
}
