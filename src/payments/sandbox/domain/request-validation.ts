/**
 * What WeChat Pay checks before it looks at any state: formats and ranges of the request fields. A failure is
 * PARAM_ERROR (the request is malformed) or INVALID_REQUEST (well-formed, but against a business limit).
 */
import type { JsapiOrderRequest, RefundRequest, TransferRequest } from '../../payment-gateway';
import { invalidRequest, paramError } from './gateway-errors';

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const OUT_BILL_NO = /^[0-9A-Za-z]{1,32}$/;

export const DESCRIPTION_MAX_CHARS = 127;
export const ATTACH_MAX_CHARS = 128;
export const REFUND_REASON_MAX_CHARS = 80;
export const TRANSFER_REMARK_MAX_CHARS = 32;

/** Characters as a person counts them (code points), not UTF-16 units. */
const charCount = (text: string): number => [...text].length;

const isPositiveFen = (value: number): boolean => Number.isSafeInteger(value) && value >= 1;

export function validateJsapiOrder(request: JsapiOrderRequest): void {
  if (typeof request.outTradeNo !== 'string' || !OUT_TRADE_NO.test(request.outTradeNo)) {
    throw paramError('out_trade_no 应为6-32位的数字、大小写字母、_-|*');
  }
  if (!isPositiveFen(request.amountFen)) throw paramError('amount.total 应为大于0的整数（单位：分）');
  const description = typeof request.description === 'string' ? charCount(request.description) : 0;
  if (description < 1 || description > DESCRIPTION_MAX_CHARS) {
    throw paramError(`description 长度应为1-${DESCRIPTION_MAX_CHARS}`);
  }
  if (typeof request.payerOpenid !== 'string' || request.payerOpenid.length === 0) {
    throw paramError('JSAPI支付必须传openid');
  }
  if (request.attach !== undefined && charCount(request.attach) > ATTACH_MAX_CHARS) {
    throw paramError(`attach 长度不能超过${ATTACH_MAX_CHARS}`);
  }
  if (!(request.timeExpire instanceof Date) || Number.isNaN(request.timeExpire.getTime())) {
    throw paramError('time_expire 格式错误');
  }
}

export function validateRefund(request: RefundRequest): void {
  if (typeof request.outRefundNo !== 'string' || !OUT_REFUND_NO.test(request.outRefundNo)) {
    throw paramError('out_refund_no 应为1-64位的数字、大小写字母、_-|*@');
  }
  if (typeof request.outTradeNo !== 'string' || !OUT_TRADE_NO.test(request.outTradeNo)) {
    throw paramError('out_trade_no 格式错误');
  }
  if (!isPositiveFen(request.amountFen)) throw paramError('amount.refund 应为大于0的整数（单位：分）');
  if (!isPositiveFen(request.totalFen)) throw paramError('amount.total 应为大于0的整数（单位：分）');
  if (typeof request.reason !== 'string' || charCount(request.reason) > REFUND_REASON_MAX_CHARS) {
    throw paramError(`reason 长度不能超过${REFUND_REASON_MAX_CHARS}`);
  }
}

export interface TransferLimits {
  transferMinFen: number;
  transferMaxFen: number;
}

export function validateTransfer(request: TransferRequest, limits: TransferLimits): void {
  if (typeof request.outBillNo !== 'string' || !OUT_BILL_NO.test(request.outBillNo)) {
    throw paramError('out_bill_no 应为1-32位的数字、大小写字母');
  }
  if (typeof request.openid !== 'string' || request.openid.length === 0) throw paramError('openid 不能为空');
  const remark = typeof request.remark === 'string' ? charCount(request.remark) : 0;
  if (remark < 1 || remark > TRANSFER_REMARK_MAX_CHARS) {
    throw paramError(`transfer_remark 长度应为1-${TRANSFER_REMARK_MAX_CHARS}`);
  }
  if (!Number.isSafeInteger(request.amountFen)) throw paramError('transfer_amount 应为整数（单位：分）');
  if (request.amountFen < limits.transferMinFen || request.amountFen > limits.transferMaxFen) {
    throw invalidRequest('超过单笔转账上下限');
  }
}
