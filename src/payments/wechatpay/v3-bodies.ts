/**
 * The JSON of the WeChat Pay API v3 calls the port makes (WECHATPAY.md §1, §4-§7), in both directions: the
 * `wechatpay` adapter writes requests and reads answers, the sandbox's /v3 surface reads requests and writes
 * answers, so the two cannot drift apart. Field order follows the official samples.
 */
import {
  GatewayError,
  GatewayErrorCode,
  GatewayRefund,
  GatewayTransaction,
  GatewayTransfer,
  JsapiOrderRequest,
  REFUND_STATUSES,
  RefundRequest,
  TRADE_STATES,
  TradeState,
  TRANSFER_STATES,
  TransferRequest,
} from '../payment-gateway';
import type { AccountIdentity } from './notification-mapping';
import { rfc3339China } from './notification';
import { ResourceReader } from './resource-reader';

export const V3_PATHS = {
  jsapi: '/v3/pay/transactions/jsapi',
  transaction: (outTradeNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`,
  close: (outTradeNo: string) => `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
  refunds: '/v3/refund/domestic/refunds',
  refund: (outRefundNo: string) => `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
  transfers: '/v3/fund-app/mch-transfer/transfer-bills',
  transfer: (outBillNo: string) =>
    `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`,
} as const;

/** Cash marketing (现金营销), the scene merchant rebates are paid under, with the report it requires. */
const TRANSFER_SCENE_ID = '1000';
const TRANSFER_SCENE_REPORT = [
  { info_type: '活动名称', info_content: '购物返利' },
  { info_type: '奖励说明', info_content: '订单返利' },
];

const TRADE_STATE_DESC: Readonly<Record<TradeState, string>> = {
  NOTPAY: '未支付',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '已关闭',
  PAYERROR: '支付失败',
};

// ---- Requests: written by the adapter, read by the sandbox (a gap is PARAM_ERROR, as WeChat Pay answers it).

const paramError = (field: string): GatewayError => new GatewayError('PARAM_ERROR', 400, `${field} 格式错误或缺失`);

export function jsapiOrderBody(request: JsapiOrderRequest, merchant: AccountIdentity, notifyUrl: string): object {
  return {
    appid: merchant.appId,
    mchid: merchant.mchId,
    description: request.description,
    out_trade_no: request.outTradeNo,
    time_expire: rfc3339China(request.timeExpire),
    ...(request.attach !== undefined ? { attach: request.attach } : {}),
    notify_url: notifyUrl,
    amount: { total: request.amountFen, currency: 'CNY' },
    payer: { openid: request.payerOpenid },
  };
}

export function readJsapiOrderBody(body: unknown): { merchant: AccountIdentity; request: JsapiOrderRequest } {
  const fields = ResourceReader.of(body, paramError);
  fields.text('notify_url');
  const amountFen = fields.fen('amount', 'total');
  if (!['CNY', undefined].includes((body as { amount: { currency?: unknown } }).amount.currency as string)) {
    throw paramError('amount.currency');
  }
  const timeExpire = fields.time('time_expire');
  const attach = fields.optionalText('attach');
  return {
    merchant: { appId: fields.text('appid'), mchId: fields.text('mchid') },
    request: {
      outTradeNo: fields.text('out_trade_no'),
      description: fields.text('description'),
      amountFen,
      payerOpenid: fields.nested('payer', 'openid'),
      // WeChat Pay refuses payment 7 days after ordering when time_expire is absent; the port always sends it.
      timeExpire: timeExpire ?? new Date(Number.NaN),
      ...(attach !== null ? { attach } : {}),
    },
  };
}

export function closeBody(merchant: AccountIdentity): object {
  return { mchid: merchant.mchId };
}

export function readCloseBody(body: unknown): { mchId: string } {
  return { mchId: ResourceReader.of(body, paramError).text('mchid') };
}

export function refundBody(request: RefundRequest, notifyUrl: string): object {
  return {
    out_trade_no: request.outTradeNo,
    out_refund_no: request.outRefundNo,
    reason: request.reason,
    notify_url: notifyUrl,
    amount: { refund: request.amountFen, total: request.totalFen, currency: 'CNY' },
  };
}

export function readRefundBody(body: unknown): RefundRequest {
  const fields = ResourceReader.of(body, paramError);
  return {
    outTradeNo: fields.text('out_trade_no'),
    outRefundNo: fields.text('out_refund_no'),
    reason: fields.optionalText('reason') ?? '',
    amountFen: fields.fen('amount', 'refund'),
    totalFen: fields.fen('amount', 'total'),
  };
}

export function transferBody(request: TransferRequest, merchant: AccountIdentity, notifyUrl: string): object {
  return {
    appid: merchant.appId,
    out_bill_no: request.outBillNo,
    transfer_scene_id: TRANSFER_SCENE_ID,
    openid: request.openid,
    transfer_amount: request.amountFen,
    transfer_remark: request.remark,
    notify_url: notifyUrl,
    user_recv_perception: '现金奖励',
    transfer_scene_report_infos: TRANSFER_SCENE_REPORT,
  };
}

export function readTransferBody(body: unknown): { appId: string; request: TransferRequest } {
  const fields = ResourceReader.of(body, paramError);
  return {
    appId: fields.text('appid'),
    request: {
      outBillNo: fields.text('out_bill_no'),
      openid: fields.text('openid'),
      amountFen: fields.fen('transfer_amount'),
      remark: fields.text('transfer_remark'),
    },
  };
}

// ---- Answers: written by the sandbox, read by the adapter (a gap is a malformed answer: outcome unknown).

/** An answer that verified but is not what the API documents: treated like no answer (retry with the same number). */
const malformedAnswer = (field: string): GatewayError =>
  new GatewayError('SYSTEM_ERROR', 502, `malformed WeChat Pay answer: ${field}`);

export function transactionAnswer(transaction: GatewayTransaction): object {
  const paid = transaction.transactionId !== null;
  return {
    appid: transaction.appid,
    mchid: transaction.mchid,
    out_trade_no: transaction.outTradeNo,
    ...(paid ? { transaction_id: transaction.transactionId } : {}),
    trade_type: 'JSAPI',
    trade_state: transaction.tradeState,
    trade_state_desc: TRADE_STATE_DESC[transaction.tradeState],
    ...(transaction.successTime ? { success_time: rfc3339China(transaction.successTime) } : {}),
    payer: { openid: transaction.payerOpenid },
    amount: {
      total: transaction.amountFen,
      ...(paid ? { payer_total: transaction.amountFen } : {}),
      currency: 'CNY',
      ...(paid ? { payer_currency: 'CNY' } : {}),
    },
  };
}

export function readTransaction(answer: unknown): GatewayTransaction {
  const fields = ResourceReader.of(answer, malformedAnswer);
  return {
    appid: fields.text('appid'),
    mchid: fields.text('mchid'),
    outTradeNo: fields.text('out_trade_no'),
    transactionId: fields.optionalText('transaction_id'),
    tradeState: fields.oneOf('trade_state', TRADE_STATES),
    amountFen: fields.fen('amount', 'total'),
    payerOpenid: fields.nested('payer', 'openid'),
    successTime: fields.time('success_time'),
  };
}

export function readPrepayId(answer: unknown): string {
  return ResourceReader.of(answer, malformedAnswer).text('prepay_id');
}

/** The refund as create and query answer it; `totalFen` and `createdAt` come from the provider's own record. */
export function refundAnswer(refund: GatewayRefund & { totalFen: number; createdAt: Date }): object {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime ? { success_time: rfc3339China(refund.successTime) } : {}),
    create_time: rfc3339China(refund.createdAt),
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.totalFen,
      refund: refund.amountFen,
      payer_total: refund.totalFen,
      payer_refund: refund.amountFen,
      settlement_refund: refund.amountFen,
      settlement_total: refund.totalFen,
      discount_refund: 0,
      currency: 'CNY',
    },
  };
}

export function readRefund(answer: unknown): GatewayRefund {
  const fields = ResourceReader.of(answer, malformedAnswer);
  return {
    outRefundNo: fields.text('out_refund_no'),
    refundId: fields.text('refund_id'),
    outTradeNo: fields.text('out_trade_no'),
    status: fields.oneOf('status', REFUND_STATUSES),
    amountFen: fields.fen('amount', 'refund'),
    successTime: fields.time('success_time'),
  };
}

/** The transfer bill as the query answers it (create answers a subset: see readTransferCreated). */
export function transferAnswer(
  transfer: GatewayTransfer & { remark: string; createdAt: Date; updatedAt: Date },
  merchant: AccountIdentity,
): object {
  return {
    mch_id: merchant.mchId,
    out_bill_no: transfer.outBillNo,
    transfer_bill_no: transfer.transferBillNo,
    appid: merchant.appId,
    state: transfer.state,
    transfer_amount: transfer.amountFen,
    transfer_remark: transfer.remark,
    ...(transfer.failReason ? { fail_reason: transfer.failReason } : {}),
    openid: transfer.openid,
    create_time: rfc3339China(transfer.createdAt),
    update_time: rfc3339China(transfer.updatedAt),
  };
}

export function readTransfer(answer: unknown): GatewayTransfer {
  const fields = ResourceReader.of(answer, malformedAnswer);
  return {
    outBillNo: fields.text('out_bill_no'),
    transferBillNo: fields.text('transfer_bill_no'),
    state: fields.oneOf('state', TRANSFER_STATES),
    amountFen: fields.fen('transfer_amount'),
    openid: fields.text('openid'),
    failReason: fields.optionalText('fail_reason'),
  };
}

/** Create answers `{out_bill_no, transfer_bill_no, create_time, state, fail_reason?, package_info}` only. */
export function transferCreatedAnswer(transfer: GatewayTransfer & { createdAt: Date }): object {
  return {
    out_bill_no: transfer.outBillNo,
    transfer_bill_no: transfer.transferBillNo,
    create_time: rfc3339China(transfer.createdAt),
    state: transfer.state,
    ...(transfer.failReason ? { fail_reason: transfer.failReason } : {}),
  };
}

export function readTransferCreated(answer: unknown, request: TransferRequest): GatewayTransfer {
  const fields = ResourceReader.of(answer, malformedAnswer);
  return {
    outBillNo: fields.text('out_bill_no'),
    transferBillNo: fields.text('transfer_bill_no'),
    state: fields.oneOf('state', TRANSFER_STATES),
    amountFen: request.amountFen,
    openid: request.openid,
    failReason: fields.optionalText('fail_reason'),
  };
}

// ---- Errors: `{"code","message"}` with the HTTP status of WECHATPAY.md §7.

export function errorAnswer(error: GatewayError): object {
  return { code: error.code, message: error.message.replace(`${error.code}: `, '') };
}

const KNOWN_CODES: readonly GatewayErrorCode[] = [
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'ORDER_NOT_EXIST',
  'ORDER_CLOSED',
  'ORDER_PAID',
  'OUT_TRADE_NO_USED',
  'RESOURCE_NOT_EXISTS',
  'NOT_ENOUGH',
  'FREQUENCY_LIMITED',
  'SYSTEM_ERROR',
];

/** Spellings of the same refusals elsewhere in WeChat Pay's tables (APIv2, the generic v3 table). */
const ALIASES: Readonly<Record<string, GatewayErrorCode>> = {
  ORDERPAID: 'ORDER_PAID',
  ORDERCLOSED: 'ORDER_CLOSED',
  NOTENOUGH: 'NOT_ENOUGH',
  RATELIMIT_EXCEEDED: 'FREQUENCY_LIMITED',
  SERVICE_UNAVAILABLE: 'SYSTEM_ERROR',
  NOT_FOUND: 'RESOURCE_NOT_EXISTS',
};

/**
 * An error answer as the port's GatewayError. Codes the port does not name are sorted by what a caller should do:
 * a 5xx, a 401 (SIGN_ERROR: our keys or clock, fixed by an operator) or an unreadable answer is SYSTEM_ERROR, retried
 * with the same number; a 429 is FREQUENCY_LIMITED; any other 4xx is a refusal (INVALID_REQUEST). The provider's own
 * code stays in the message.
 */
export function readErrorAnswer(status: number, text: string): GatewayError {
  let code = '';
  let message = text.slice(0, 200);
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string') code = parsed.code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON (a proxy's error page): sorted by status alone.
  }
  const known = (KNOWN_CODES as readonly string[]).includes(code) ? (code as GatewayErrorCode) : ALIASES[code];
  const detail = known === code ? message : `${code || `HTTP ${status}`}: ${message}`;
  if (known) return new GatewayError(known, status, detail);
  if (status === 429) return new GatewayError('FREQUENCY_LIMITED', status, detail);
  if (status >= 500 || status === 401 || status < 400) return new GatewayError('SYSTEM_ERROR', status, detail);
  return new GatewayError('INVALID_REQUEST', status, detail);
}
