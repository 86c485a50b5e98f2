import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import type { GatewayTransaction, JsapiOrder, JsapiOrderRequest } from '../payment-gateway';
import { buildPayParams } from '../wechatpay/pay-params';
import { gatewayError, invalidRequest, REENTRY_MISMATCH } from './domain/gateway-errors';
import { toGatewayTransaction } from './domain/gateway-views';
import { jsapiOrderFingerprint } from './domain/order-fingerprint';
import { validateJsapiOrder } from './domain/request-validation';
import { newPrepayId } from './domain/sandbox-ids';
import { clampTimeExpire, effectiveTradeState, isPaidState } from './domain/trade-state';
import { SandboxTransaction } from './entities/sandbox-transaction.entity';
import { insertIfAbsent } from './insert-if-absent';
import { SandboxKeyStore } from './sandbox-key-store';

/** JSAPI orders at the simulated provider: create (re-entrant), query, close. */
@Injectable()
export class SandboxTransactions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keyStore: SandboxKeyStore,
  ) {}

  async create(request: JsapiOrderRequest): Promise<JsapiOrder> {
    validateJsapiOrder(request);
    const account = await this.keyStore.keys();
    const now = this.clock.now();
    const fingerprint = jsapiOrderFingerprint(request);
    const fresh = {
      outTradeNo: request.outTradeNo,
      appid: account.appId,
      mchid: account.mchId,
      description: request.description,
      amountFen: request.amountFen,
      payerOpenid: request.payerOpenid,
      attach: request.attach ?? null,
      timeExpire: clampTimeExpire(request.timeExpire, now),
      requestFingerprint: fingerprint,
      prepayId: newPrepayId(now),
      transactionId: null,
      tradeState: 'NOTPAY' as const,
      successTime: null,
      createdAt: now,
      updatedAt: now,
    };
    let prepayId = fresh.prepayId;
    if (!(await insertIfAbsent(this.db.repo(SandboxTransaction), fresh))) {
      prepayId = this.reentered(await this.get(request.outTradeNo), fingerprint, now);
    }
    return {
      prepayId,
      // Fresh timestamp, nonce and signature on every call, like the SDKs' PrepayWithRequestPayment.
      payParams: buildPayParams({
        appId: account.appId,
        prepayId,
        merchantPrivateKeyPem: account.merchantPrivateKeyPem,
        now,
      }),
    };
  }

  async find(outTradeNo: string): Promise<GatewayTransaction | null> {
    const trade = await this.db.repo(SandboxTransaction).findOneBy({ outTradeNo });
    return trade ? toGatewayTransaction(trade, this.clock.now()) : null;
  }

  /** NOTPAY → CLOSED. Closing again, or an unknown number, is fine (204 at WeChat Pay); a paid order is refused. */
  async close(outTradeNo: string): Promise<void> {
    const now = this.clock.now();
    const closed = await this.db.query(
      `UPDATE sandbox_transactions SET trade_state = 'CLOSED', updated_at = $2
       WHERE out_trade_no = $1 AND trade_state = 'NOTPAY' RETURNING 1`,
      [outTradeNo, now],
    );
    if (closed.length > 0) return;
    const trade = await this.db.repo(SandboxTransaction).findOneBy({ outTradeNo });
    if (trade && isPaidState(trade.tradeState)) throw gatewayError('ORDER_PAID');
  }

  /** A re-post of a known out_trade_no: the same prepay_id only while unpaid, open, and asked for identically. */
  private reentered(trade: SandboxTransaction, fingerprint: string, now: Date): string {
    const state = effectiveTradeState(trade, now);
    if (state === 'CLOSED') throw gatewayError('ORDER_CLOSED');
    if (isPaidState(state)) throw gatewayError('ORDER_PAID');
    if (trade.requestFingerprint !== fingerprint) throw invalidRequest(REENTRY_MISMATCH);
    return trade.prepayId;
  }

  private async get(outTradeNo: string): Promise<SandboxTransaction> {
    const trade = await this.db.repo(SandboxTransaction).findOneBy({ outTradeNo });
    if (!trade) throw new Error(`sandbox: ${outTradeNo} neither inserted nor found`);
    return trade;
  }
}
