import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { ProductsService } from '../products/products.service';
import { OrderExportQuery } from './dto/order.dto';
import { ExportedOrder } from './orders.repository';
import { OrdersService } from './orders.service';

/** Orders read per keyset query: what the export holds in memory at once, with one batch of text downstream. */
const BATCH = 500;

/** The columns of orders.csv, in order (docs/merchants.md describes them). */
export const ORDER_CSV_COLUMNS = [
  'id',
  'createdAt',
  'kind',
  'status',
  'shopperId',
  'subtotalFen',
  'discountFen',
  'totalFen',
  'refundedFen',
  'paidAt',
  'couponId',
  'items',
  'itemNames',
] as const;

/**
 * A merchant's orders as CSV, streamed: batches are read by keyset as the client takes the text (backpressure),
 * so a year of orders is never held in memory, and a client that goes away stops the reading. Quoting and the
 * CSV-injection guard (a cell starting with = + - @ tab or CR gets a leading ', as OWASP recommends) are
 * csv-stringify's.
 */
@Injectable()
export class OrderCsvExportService {
  private readonly logger = new Logger(OrderCsvExportService.name);

  constructor(
    private readonly orders: OrdersService,
    private readonly products: ProductsService,
  ) {}

  /**
   * Checks the range at once (a bad one is 400 before any byte is sent), then answers the stream. Each batch
   * becomes one chunk of CSV text (few, large strings rather than many small ones: the memory stays flat), and
   * the next batch is read only when the client has taken it (backpressure). Destroying the stream (the client
   * went away) ends the generator: no further batch is read.
   */
  stream(merchantId: string, query: OrderExportQuery): Readable {
    const batches = this.orders.exportForMerchant(merchantId, query, BATCH);
    const stream = Readable.from(this.chunks(batches), { objectMode: false, highWaterMark: 1 });
    // Before its end: the client went away (or a batch failed, which the error handler logs too).
    stream.on('close', () => {
      if (!stream.readableEnded) this.logger.warn(`orders.csv for merchant ${merchantId} stopped before its end`);
    });
    return stream;
  }

  private async *chunks(batches: AsyncIterable<ExportedOrder[]>): AsyncGenerator<string> {
    yield stringify([], { header: true, columns: [...ORDER_CSV_COLUMNS] });
    for await (const batch of batches) {
      const ids = [...new Set(batch.flatMap((order) => order.items.map((item) => item.productId)))];
      const names = new Map((await this.products.findMany(ids)).map((product) => [product.id, product.name]));
      yield stringify(
        batch.map((order) => csvRow(order, names)),
        { columns: [...ORDER_CSV_COLUMNS], escape_formulas: true },
      );
    }
  }
}

/** One order as a CSV record: instants in ISO 8601, absent values empty. */
function csvRow(order: ExportedOrder, names: Map<string, string>): Record<string, string | number> {
  return {
    id: order.id,
    createdAt: order.createdAt.toISOString(),
    kind: order.kind,
    status: order.status,
    shopperId: order.shopperId,
    subtotalFen: order.subtotalFen,
    discountFen: order.discountFen,
    totalFen: order.totalFen,
    refundedFen: order.refundedFen,
    paidAt: order.paidAt?.toISOString() ?? '',
    couponId: order.couponId ?? '',
    items: order.items.map((item) => `${item.productId} x ${item.quantity} @ ${item.unitPriceFen}`).join('; '),
    itemNames: order.items.map((item) => names.get(item.productId) ?? '').join('; '),
  };
}
