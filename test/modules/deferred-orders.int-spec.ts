import { randomUUID } from 'node:crypto';
import { DeferredOrderDraft, DeferredPaymentOrders } from '../../src/modules/orders/deferred-payment-orders';
import { outTradeNoFor } from '../../src/modules/orders/domain/out-numbers';
import { OrdersRepository } from '../../src/modules/orders/orders.repository';
import { SystemClock } from '../../src/platform/clock/clock';
import type { Db } from '../../src/platform/database/db';
import { isUniqueViolation } from '../../src/platform/database/postgres-errors';
import type { PaymentGateway } from '../../src/payments/payment-gateway';
import type { ProductsService } from '../../src/modules/products/products.service';
import { freshDb } from '../support/database';

/** The two ways deferred orders are written (flash-sale consumer: COPY first, INSERT ... ON CONFLICT after). */
describe('DeferredPaymentOrders: insertNew (COPY) and insertMany write the same rows', () => {
  let db: Db;
  let close: () => Promise<void>;
  let orders: DeferredPaymentOrders;

  beforeAll(async () => {
    ({ db, close } = await freshDb());
    // Preparing a payment is not under test: no gateway or product lookups happen on these paths.
    orders = new DeferredPaymentOrders(
      new OrdersRepository(db),
      new SystemClock(),
      {} as PaymentGateway,
      {} as ProductsService,
    );
  });
  afterAll(() => close());

  const drafts = (): DeferredOrderDraft[] => {
    const merchantId = randomUUID();
    const createdAt = new Date('2026-12-01T10:00:00.123Z');
    return [
      {
        id: randomUUID(),
        kind: 'flash_sale',
        // Characters COPY reads specially must arrive as they are.
        shopper: { userId: randomUUID(), openid: 'o\tpen\\id\n1' },
        merchantId,
        lines: [{ productId: randomUUID(), quantity: 2, unitPriceFen: 9900 }],
        expiresAt: new Date(createdAt.getTime() + 900_000),
        createdAt,
      },
      {
        id: randomUUID(),
        kind: 'flash_sale',
        shopper: { userId: randomUUID(), openid: 'openid-2' },
        merchantId,
        lines: [
          { productId: randomUUID(), quantity: 1, unitPriceFen: 100 },
          { productId: randomUUID(), quantity: 3, unitPriceFen: 250 },
        ],
        expiresAt: new Date(createdAt.getTime() + 60_000),
        createdAt,
      },
    ];
  };

  /** Every column of the orders and their items, ids replaced by their position so two sets compare. */
  const rowsOf = async (ids: string[]) => {
    const order = await db.query<Record<string, unknown>>(
      `SELECT * FROM orders WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    );
    const items = await db.query<Record<string, unknown>>(
      `SELECT * FROM order_items WHERE order_id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], order_id), line`,
      [ids],
    );
    const tradeNumbers = ids.map(outTradeNoFor);
    const anonymous = (row: Record<string, unknown>): Record<string, unknown> => ({
      ...row,
      ...('id' in row ? { id: ids.indexOf(String(row.id)) } : {}),
      ...('order_id' in row ? { order_id: ids.indexOf(String(row.order_id)) } : {}),
      ...('out_trade_no' in row ? { out_trade_no: tradeNumbers.indexOf(String(row.out_trade_no)) } : {}),
    });
    return { orders: order.map(anonymous), items: items.map(anonymous) };
  };

  it('the same columns, values and items either way', async () => {
    const viaInsert = drafts();
    const viaCopy = drafts().map((draft, i) => ({
      ...draft,
      merchantId: viaInsert[0].merchantId,
      shopper: { ...draft.shopper, userId: viaInsert[i].shopper.userId },
      lines: draft.lines.map((line, j) => ({ ...line, productId: viaInsert[i].lines[j].productId })),
    }));
    const inserted = await orders.insertMany(viaInsert);
    expect(inserted.size).toBe(2);
    await db.transaction(() => orders.insertNew(viaCopy));
    const a = await rowsOf(viaInsert.map((d) => d.id));
    const b = await rowsOf(viaCopy.map((d) => d.id));
    expect(a.orders).toHaveLength(2);
    expect(a.items).toHaveLength(3);
    expect(b).toEqual(a);
    expect(a.orders[0]).toMatchObject({
      shopper_openid: 'o\tpen\\id\n1',
      status: 'pending_payment',
      total_fen: '19800',
    });
    expect(a.orders[1]).toMatchObject({ prepay_id: null, pay_params: null, refunded_fen: '0', total_fen: '850' });
    // As the INSERT before COPY wrote them: nothing to reconcile before a payment is prepared, nothing else set.
    for (const order of a.orders) {
      expect(order.reconcile_after).toEqual(order.expires_at);
      expect(order.updated_at).toEqual(order.created_at);
      expect(order).toMatchObject({
        coupon_id: null,
        paid_at: null,
        cancelled_at: null,
        cancel_reason: null,
        transaction_id: null,
        discount_fen: '0',
      });
    }
  });

  it('insertNew of an order that exists fails with a unique violation; insertMany skips it', async () => {
    const [first, second] = drafts();
    await db.transaction(() => orders.insertNew([first]));
    const error = await db
      .transaction(() => orders.insertNew([second, first]))
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(isUniqueViolation(error)).toBe(true);
    expect((await rowsOf([second.id])).orders).toHaveLength(0);
    expect([...(await orders.insertMany([first, second]))]).toEqual([second.id]);
    const rows = await rowsOf([first.id, second.id]);
    expect(rows.orders).toHaveLength(2);
    expect(rows.items).toHaveLength(3);
  });
});
