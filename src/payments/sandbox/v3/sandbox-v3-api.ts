import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import type { AccountIdentity } from '../../wechatpay/notification-mapping';
import {
  readCloseBody,
  readJsapiOrderBody,
  readRefundBody,
  readTransferBody,
  refundAnswer,
  transactionAnswer,
  transferAnswer,
  transferCreatedAnswer,
} from '../../wechatpay/v3-bodies';
import { gatewayError } from '../domain/gateway-errors';
import { SandboxRefund } from '../entities/sandbox-refund.entity';
import { SandboxTransfer } from '../entities/sandbox-transfer.entity';
import { SandboxPaymentGateway } from '../sandbox-payment-gateway';

export interface V3Answer {
  status: 200 | 204;
  /** The JSON answered; absent for 204. */
  body?: object;
}

/** A refusal WeChat Pay answers with a code the port has no name for (it only ever reaches the adapter as text). */
export class V3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'V3Refusal';
  }
}

/**
 * The v3 calls of the port, answered from the same sandbox state as the in-process adapter: each goes through
 * SandboxPaymentGateway, so injected faults and settings apply to both. Bodies are read and written by
 * wechatpay/v3-bodies, the module the real adapter uses too.
 */
@Injectable()
export class SandboxV3Api {
  constructor(
    private readonly db: Db,
    private readonly gateway: SandboxPaymentGateway,
  ) {}

  async createJsapiOrder(body: unknown, account: AccountIdentity): Promise<V3Answer> {
    const { merchant, request } = readJsapiOrderBody(body);
    expectMerchant(merchant, account);
    const order = await this.gateway.createJsapiOrder(request);
    return { status: 200, body: { prepay_id: order.prepayId } };
  }

  async queryOrder(outTradeNo: string, mchId: string | undefined, account: AccountIdentity): Promise<V3Answer> {
    expectMerchant({ appId: account.appId, mchId: mchId ?? '' }, account);
    const transaction = await this.gateway.queryOrder(outTradeNo);
    if (!transaction) throw gatewayError('ORDER_NOT_EXIST');
    return { status: 200, body: transactionAnswer(transaction) };
  }

  async closeOrder(outTradeNo: string, body: unknown, account: AccountIdentity): Promise<V3Answer> {
    expectMerchant({ appId: account.appId, mchId: readCloseBody(body).mchId }, account);
    await this.gateway.closeOrder(outTradeNo);
    return { status: 204 };
  }

  async refund(body: unknown): Promise<V3Answer> {
    const refund = await this.gateway.refund(readRefundBody(body));
    return { status: 200, body: refundAnswer(await this.refundRow(refund.outRefundNo)) };
  }

  async queryRefund(outRefundNo: string): Promise<V3Answer> {
    if (!(await this.gateway.queryRefund(outRefundNo))) throw gatewayError('RESOURCE_NOT_EXISTS');
    return { status: 200, body: refundAnswer(await this.refundRow(outRefundNo)) };
  }

  async transfer(body: unknown, account: AccountIdentity): Promise<V3Answer> {
    const { appId, request } = readTransferBody(body);
    expectMerchant({ appId, mchId: account.mchId }, account);
    const transfer = await this.gateway.transfer(request);
    return { status: 200, body: transferCreatedAnswer(await this.transferRow(transfer.outBillNo)) };
  }

  async queryTransfer(outBillNo: string, account: AccountIdentity): Promise<V3Answer> {
    if (!(await this.gateway.queryTransfer(outBillNo))) throw new V3Refusal(404, 'NOT_FOUND', '记录不存在');
    return { status: 200, body: transferAnswer(await this.transferRow(outBillNo), account) };
  }

  // The port's views lack a few fields the v3 answers carry (total, create_time, remark): read from the row.
  private refundRow(outRefundNo: string): Promise<SandboxRefund> {
    return this.db.outside(() => this.db.repo(SandboxRefund).findOneByOrFail({ outRefundNo }));
  }

  private transferRow(outBillNo: string): Promise<SandboxTransfer> {
    return this.db.outside(() => this.db.repo(SandboxTransfer).findOneByOrFail({ outBillNo }));
  }
}

function expectMerchant(claimed: AccountIdentity, account: AccountIdentity): void {
  if (claimed.mchId !== account.mchId) throw new V3Refusal(400, 'MCH_NOT_EXISTS', '商户号不存在');
  if (claimed.appId !== account.appId) throw new V3Refusal(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
}
