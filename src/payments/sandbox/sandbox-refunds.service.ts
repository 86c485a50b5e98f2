import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import type { GatewayRefund, RefundRequest } from '../payment-gateway';
import { gatewayError, invalidRequest, REENTRY_MISMATCH } from './domain/gateway-errors';
import { toGatewayRefund } from './domain/gateway-views';
import { validateRefund } from './domain/request-validation';
import { newRefundId } from './domain/sandbox-ids';
import { effectiveTradeState, isPaidState } from './domain/trade-state';
import { SandboxRefund } from './entities/sandbox-refund.entity';
import { SandboxTransaction } from './entities/sandbox-transaction.entity';
import { insertIfAbsent } from './insert-if-absent';

/** WeChat Pay allows at most 50 partial refunds of one order. */
export const MAX_REFUNDS_PER_TRADE = 50;

/** Refunds at the simulated provider. New ones are PROCESSING; the settlement job makes them SUCCESS. */
@Injectable()
export class SandboxRefunds {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  refund(request: RefundRequest): Promise<GatewayRefund> {
    validateRefund(request);
    return this.db.transaction(async () => {
      const now = this.clock.now();
      // The trade row is the lock that puts one order's refunds in a line, so their sum is checked against settled ones.
      const trade = await this.db
        .repo(SandboxTransaction)
        .findOne({ where: { outTradeNo: request.outTradeNo }, lock: { mode: 'pessimistic_write' } });
      const existing = await this.db.repo(SandboxRefund).findOneBy({ outRefundNo: request.outRefundNo });
      if (existing) return this.repeated(existing, request);
      if (!trade || !isPaidState(effectiveTradeState(trade, now))) throw gatewayError('RESOURCE_NOT_EXISTS');
      if (request.totalFen !== trade.amountFen) throw invalidRequest('订单金额与退款请求的订单金额不一致');

      const earlier = await this.db.repo(SandboxRefund).findBy({ outTradeNo: trade.outTradeNo });
      if (earlier.length >= MAX_REFUNDS_PER_TRADE) throw invalidRequest('订单退款次数已达上限');
      const refunded = earlier.filter((refund) => refund.status !== 'CLOSED').reduce((sum, r) => sum + r.amountFen, 0);
      if (refunded + request.amountFen > trade.amountFen) throw invalidRequest('退款金额超过订单可退金额');

      const refund: SandboxRefund = {
        outRefundNo: request.outRefundNo,
        refundId: newRefundId(now),
        outTradeNo: trade.outTradeNo,
        amountFen: request.amountFen,
        totalFen: request.totalFen,
        reason: request.reason,
        status: 'PROCESSING',
        successTime: null,
        createdAt: now,
      };
      if (!(await insertIfAbsent(this.db.repo(SandboxRefund), refund))) {
        // The same number, inserted meanwhile for another order (this one's are serialized by the lock above).
        return this.repeated(
          await this.db.repo(SandboxRefund).findOneByOrFail({ outRefundNo: refund.outRefundNo }),
          request,
        );
      }
      await this.db.query(
        `UPDATE sandbox_transactions SET trade_state = 'REFUND', updated_at = $2
         WHERE out_trade_no = $1 AND trade_state IN ('SUCCESS', 'REFUND')`,
        [trade.outTradeNo, now],
      );
      return toGatewayRefund(refund);
    });
  }

  async find(outRefundNo: string): Promise<GatewayRefund | null> {
    const refund = await this.db.repo(SandboxRefund).findOneBy({ outRefundNo });
    return refund ? toGatewayRefund(refund) : null;
  }

  /** One out_refund_no is refunded once: a retry gets the same refund, a different request under it is refused. */
  private repeated(existing: SandboxRefund, request: RefundRequest): GatewayRefund {
    if (existing.outTradeNo !== request.outTradeNo || existing.amountFen !== request.amountFen) {
      throw invalidRequest(REENTRY_MISMATCH);
    }
    return toGatewayRefund(existing);
  }
}
